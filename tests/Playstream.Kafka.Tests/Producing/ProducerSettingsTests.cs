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

    [Fact]
    public void The_clients_queue_limits_sit_above_the_producers_bound_and_its_staging_unless_the_user_set_them()
    {
        var settings = new ProducerSettings { MaxQueuedRecords = 1_000, MaxQueuedKBytes = 2_048 };
        var plain = new KafkaOptions();
        var config = plain.ToProducerConfig();
        settings.ApplyTo(config, plain.ExtraProperties, stagingRecords: 10, stagingKBytes: 4);

        // Twice the producer's own bound, plus what it may hold staged (kilobytes: that doubled too).
        Assert.Equal((1_000 * 2 + 10).ToString(), config.Get("queue.buffering.max.messages"));
        Assert.Equal((2_048 * 2 + 4 * 2).ToString(), config.Get("queue.buffering.max.kbytes"));

        var told = new KafkaOptions().WithProperties(["queue.buffering.max.messages=77"]);
        var kept = told.ToProducerConfig();
        settings.ApplyTo(kept, told.ExtraProperties, stagingRecords: 10, stagingKBytes: 4);
        Assert.Equal("77", kept.Get("queue.buffering.max.messages"));
        Assert.Equal((2_048 * 2 + 4 * 2).ToString(), kept.Get("queue.buffering.max.kbytes"));
    }
}
