using Confluent.Kafka;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Producing;

public class ProducerSettingsTests
{
    [Fact]
    public void Defaults_wait_for_all_replicas_compress_partition_like_the_java_client_and_keep_order()
    {
        var options = new KafkaOptions();
        var config = options.ToProducerConfig();

        new ProducerSettings().ApplyTo(config, options.ExtraProperties);

        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
        Assert.Equal("murmur2_random", config.Get("partitioner"));
        Assert.Equal(0, config.MessageTimeoutMs);
        Assert.Equal("1", config.Get("max.in.flight.requests.per.connection"));
    }

    [Fact]
    public void Settings_apply_unless_the_user_set_the_same_property_explicitly()
    {
        var options = new KafkaOptions().WithProperties(["compression.type=gzip;linger.ms=50"]);
        var config = options.ToProducerConfig();

        new ProducerSettings { Compression = CompressionType.Snappy, LingerMs = 1, Acks = Acks.Leader, BatchSizeBytes = 4096 }
            .ApplyTo(config, options.ExtraProperties);

        Assert.Equal(CompressionType.Gzip, config.CompressionType);
        Assert.Equal(50, config.LingerMs);
        Assert.Equal(Acks.Leader, config.Acks);
        Assert.Equal(4096, config.BatchSize);
    }

    [Fact]
    public void An_idempotent_producer_keeps_order_with_five_requests_in_flight()
    {
        var options = new KafkaOptions().WithProperties(["enable.idempotence=true"]);
        var config = options.ToProducerConfig();

        new ProducerSettings().ApplyTo(config, options.ExtraProperties);

        Assert.Equal("5", config.Get("max.in.flight.requests.per.connection"));
    }
}
