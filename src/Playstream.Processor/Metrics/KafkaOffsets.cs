using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.Processor.Metrics;

/// <summary>
/// Reads a consumer group's committed offsets and the partitions' watermarks with a consumer of
/// its own that never subscribes, so it never joins (or disturbs) the group. OffsetFetch and
/// ListOffsets are both in Kafka 0.9's protocol, so this works with <c>api.version.request=false</c>.
/// </summary>
public sealed class KafkaOffsets : IDisposable
{
    private readonly IConsumer<Ignore, Ignore> _consumer;

    /// <param name="group">The group whose committed offsets <see cref="Committed"/> reads; null for watermarks only.</param>
    public KafkaOffsets(KafkaOptions options, string? group)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The client insists on a group id; without a group to read, one of its own that it never joins.
        var config = options.ToConsumerConfig(group ?? $"playstream-offsets-{Guid.NewGuid():N}");
        _consumer = new ConsumerBuilder<Ignore, Ignore>(config)
            // Its own errors (a broker down) surface as exceptions from the calls; the log would only repeat them.
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
    }

    /// <summary>Low and high watermark of a partition, asked of its leader.</summary>
    /// <exception cref="KafkaException">The leader did not answer within <paramref name="timeout"/>.</exception>
    public WatermarkOffsets Watermarks(TopicPartition partition, TimeSpan timeout) =>
        _consumer.QueryWatermarkOffsets(partition, timeout);

    /// <summary>The group's committed offsets (<see cref="Offset.Unset"/> where it has none).</summary>
    /// <exception cref="KafkaException">The group coordinator did not answer within <paramref name="timeout"/>.</exception>
    public IReadOnlyList<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout) =>
        _consumer.Committed(partitions, timeout);

    public void Dispose() => _consumer.Dispose();
}
