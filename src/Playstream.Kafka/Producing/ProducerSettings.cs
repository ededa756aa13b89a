using System.Globalization;
using Confluent.Kafka;

namespace Playstream.Kafka.Producing;

/// <summary>
/// How <see cref="KafkaBatchProducer"/> batches, compresses and acknowledges, and how much it holds
/// unacknowledged. Each user starts from its own defaults; a librdkafka property set explicitly in
/// the options (<c>--kafka-property</c>) wins over any of these.
/// </summary>
public sealed record ProducerSettings
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
    /// The librdkafka partitioner that places a record sent to no partition in particular, by its
    /// key's customer part (see <see cref="CustomerPartitioner"/>). The Java client's by default, so
    /// that a customer's records land in the same partition whichever client sent them.
    /// </summary>
    public Partitioner Partitioner { get; init; } = Partitioner.Murmur2Random;

    /// <summary>Most records held unacknowledged; sending waits beyond it.</summary>
    public int MaxQueuedRecords { get; init; } = 100_000;

    /// <summary>Most kilobytes held unacknowledged; sending waits beyond it.</summary>
    public int MaxQueuedKBytes { get; init; } = 64 * 1024;

    /// <summary>Sets these on a config, leaving the keys the user set explicitly.</summary>
    /// <param name="stagingRecords">Records a producer may hold staged beyond <see cref="MaxQueuedRecords"/>; librdkafka's own queue limits are set above both.</param>
    /// <param name="stagingKBytes">Likewise, kilobytes beyond <see cref="MaxQueuedKBytes"/>.</param>
    internal void ApplyTo(ProducerConfig config, IDictionary<string, string> explicitProperties, int stagingRecords = 0, int stagingKBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(explicitProperties);
        void Set(string key, string value)
        {
            if (!explicitProperties.ContainsKey(key))
                config.Set(key, value);
        }
        Set("acks", Acks switch { Acks.All => "all", Acks.Leader => "1", _ => "0" });
        Set("linger.ms", LingerMs.ToString(CultureInfo.InvariantCulture));
        Set("batch.size", BatchSizeBytes.ToString(CultureInfo.InvariantCulture));
        Set("compression.type", Compression.ToString().ToLowerInvariant());
        Set("partitioner", PartitionerName);
        // Never give up on a record: while Kafka is away the client keeps retrying and sending waits
        // once the bound is reached. A delivery error is then a permanent one.
        Set("message.timeout.ms", "0");
        // Without an idempotent producer (Kafka 0.9 has none), a retried request can land after the
        // one sent behind it: one request in flight per broker keeps each partition's records in
        // order. With enable.idempotence=true (brokers 0.11+) librdkafka keeps order with up to 5.
        var idempotent = explicitProperties.TryGetValue("enable.idempotence", out var value)
            && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        Set("max.in.flight.requests.per.connection", idempotent ? "5" : "1");
        // The bound on data in flight is the producer's own (see KafkaBatchProducer): librdkafka's queue
        // limits sit above it, so a batch is never refused for a full queue.
        Set("queue.buffering.max.messages", (Math.Min(int.MaxValue / 2, MaxQueuedRecords) * 2L + stagingRecords).ToString(CultureInfo.InvariantCulture));
        Set("queue.buffering.max.kbytes", ((long)MaxQueuedKBytes * 2 + stagingKBytes * 2L).ToString(CultureInfo.InvariantCulture));
    }

    internal string PartitionerName => Partitioner switch
    {
        Partitioner.Murmur2Random => "murmur2_random",
        Partitioner.Murmur2 => "murmur2",
        Partitioner.Consistent => "consistent",
        Partitioner.ConsistentRandom => "consistent_random",
        _ => "random",
    };
}
