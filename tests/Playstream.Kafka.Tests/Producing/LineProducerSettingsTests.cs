using Confluent.Kafka;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Producing;

public class LineProducerSettingsTests
{
    [Fact]
    public void Defaults_wait_for_all_replicas_compress_and_partition_like_the_java_client()
    {
        var options = new KafkaOptions();
        var config = options.ToProducerConfig();

        LineProducerSettings.Default.ApplyTo(config, options.ExtraProperties);

        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal(CompressionType.Lz4, config.CompressionType);
        Assert.Equal(Partitioner.Murmur2Random, config.Partitioner);
    }

    [Fact]
    public void Settings_apply_unless_the_user_set_the_same_property_explicitly()
    {
        var options = new KafkaOptions().WithProperties(["compression.type=gzip;linger.ms=50"]);
        var config = options.ToProducerConfig();

        new LineProducerSettings { Compression = CompressionType.Snappy, LingerMs = 1, Acks = Acks.Leader, BatchSizeBytes = 4096 }
            .ApplyTo(config, options.ExtraProperties);

        Assert.Equal(CompressionType.Gzip, config.CompressionType);
        Assert.Equal(50, config.LingerMs);
        Assert.Equal(Acks.Leader, config.Acks);
        Assert.Equal(4096, config.BatchSize);
    }
}
