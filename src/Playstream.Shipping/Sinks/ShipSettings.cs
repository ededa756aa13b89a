using Confluent.Kafka;
using Playstream.Kafka.Producing;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// How the shipper's producer batches, compresses, acknowledges and bounds what it holds. Any of
/// these set as an explicit librdkafka property (<c>--kafka-property</c>) wins.
/// </summary>
public sealed record ShipSettings
{
    /// <summary>
    /// Acks (all by default), linger, batch size, compression and partitioner. Unlike other line
    /// producers, the shipper waits longer to fill batches (50 ms: with one request in flight per
    /// broker, batch size is what sets throughput) and does not compress by default: on two cores
    /// next to the broker, lz4 more than doubled the time to ship (a 0.9 broker also recompresses).
    /// Across a network to a current broker, <c>--compression lz4</c> is usually worth it.
    /// </summary>
    public LineProducerSettings Producer { get; init; } = LineProducerSettings.Default with { LingerMs = 50, Compression = CompressionType.None };

    /// <summary>Most lines the producer holds unacknowledged (<c>queue.buffering.max.messages</c>).</summary>
    public int MaxQueuedLines { get; init; } = 100_000;

    /// <summary>Most kilobytes the producer holds unacknowledged (<c>queue.buffering.max.kbytes</c>).</summary>
    public int MaxQueuedKBytes { get; init; } = 64 * 1024;

    public static ShipSettings Default { get; } = new();

    /// <summary>Sets these on a config, leaving the keys the user set explicitly.</summary>
    public void ApplyTo(ProducerConfig config, IDictionary<string, string> explicitProperties)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(explicitProperties);
        void Set(string key, string value)
        {
            if (!explicitProperties.ContainsKey(key))
                config.Set(key, value);
        }
        Set("acks", Producer.Acks switch { Acks.All => "all", Acks.Leader => "1", _ => "0" });
        Set("linger.ms", Producer.LingerMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("batch.size", Producer.BatchSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("compression.type", Producer.Compression.ToString().ToLowerInvariant());
        Set("partitioner", Producer.Partitioner switch
        {
            Partitioner.Murmur2Random => "murmur2_random",
            Partitioner.Murmur2 => "murmur2",
            Partitioner.Consistent => "consistent",
            Partitioner.ConsistentRandom => "consistent_random",
            _ => "random",
        });
        Set("queue.buffering.max.messages", MaxQueuedLines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("queue.buffering.max.kbytes", MaxQueuedKBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Never give up on a line: while Kafka is away the producer keeps retrying and the shipper
        // waits (reading stops when the queue is full). A delivery error is then a permanent one.
        Set("message.timeout.ms", "0");
        // Without an idempotent producer (Kafka 0.9 has none), a retried request can land after the
        // one sent behind it: one request in flight per broker keeps each customer's lines in order.
        // With enable.idempotence=true (brokers 0.11+) librdkafka keeps order with up to 5.
        var idempotent = explicitProperties.TryGetValue("enable.idempotence", out var value)
            && string.Equals(value.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        Set("max.in.flight.requests.per.connection", idempotent ? "5" : "1");
    }
}
