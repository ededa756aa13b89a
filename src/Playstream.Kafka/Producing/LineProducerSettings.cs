using Confluent.Kafka;

namespace Playstream.Kafka.Producing;

/// <summary>How lines are batched, compressed and acknowledged. Extra librdkafka properties in the options win over these.</summary>
public sealed record LineProducerSettings
{
    /// <summary>All in-sync replicas must have a record before it counts as sent: no loss when a broker dies.</summary>
    public Acks Acks { get; init; } = Acks.All;

    /// <summary>How long to wait for more records to fill a batch.</summary>
    public double LingerMs { get; init; } = 5;

    /// <summary>Most bytes in one batch to a partition.</summary>
    public int BatchSizeBytes { get; init; } = 1_000_000;

    /// <summary><c>none</c>, <c>gzip</c>, <c>snappy</c>, <c>lz4</c> (the 0.9 broker knows these) or <c>zstd</c>.</summary>
    public CompressionType Compression { get; init; } = CompressionType.Lz4;

    /// <summary>
    /// The Java client's partitioner, so that a customer's lines land in the same partition
    /// whether this client or a Java one (Logstash) shipped them.
    /// </summary>
    public Partitioner Partitioner { get; init; } = Partitioner.Murmur2Random;

    public static LineProducerSettings Default { get; } = new();

    /// <summary>Applies these settings to a config built from the options, leaving keys the user set explicitly.</summary>
    internal void ApplyTo(ProducerConfig config, IDictionary<string, string> explicitProperties)
    {
        SetUnlessExplicit(explicitProperties, "acks", () => config.Acks = Acks);
        SetUnlessExplicit(explicitProperties, "linger.ms", () => config.LingerMs = LingerMs);
        SetUnlessExplicit(explicitProperties, "batch.size", () => config.BatchSize = BatchSizeBytes);
        SetUnlessExplicit(explicitProperties, "compression.type", () => config.CompressionType = Compression);
        SetUnlessExplicit(explicitProperties, "partitioner", () => config.Partitioner = Partitioner);
    }

    private static void SetUnlessExplicit(IDictionary<string, string> explicitProperties, string key, Action set)
    {
        if (!explicitProperties.ContainsKey(key))
            set();
    }
}
