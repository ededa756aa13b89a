using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Consuming;

/// <summary>
/// Reads a consumer group's committed offsets and the partitions' watermarks with a consumer of
/// its own that never subscribes, so it never joins (or disturbs) the group, and never waits
/// behind another consumer's fetch on a shared connection. OffsetFetch and ListOffsets are both
/// in Kafka 0.9's protocol, so this works with <c>api.version.request=false</c>.
/// </summary>
/// <remarks>
/// A client that only asks for offsets keeps the leaders it first learnt: when a leader dies, its
/// requests wait on the dead broker's queue until they time out, again and again, because nothing
/// makes such a client refresh its metadata. So after a failed call the client is replaced, and
/// the next one starts from fresh metadata with the partitions' new leaders.
/// </remarks>
public sealed class KafkaOffsets : IDisposable
{
    private readonly ConsumerConfig _config;
    private IConsumer<Ignore, Ignore>? _consumer;

    /// <param name="group">The group whose committed offsets <see cref="Committed"/> reads; null for watermarks only.</param>
    public KafkaOffsets(KafkaOptions options, string? group)
    {
        ArgumentNullException.ThrowIfNull(options);
        // The client insists on a group id; without a group to read, one of its own that it never joins.
        _config = options.ToConsumerConfig(group ?? $"playstream-offsets-{Guid.NewGuid():N}");
    }

    /// <summary>Low and high watermark of a partition, asked of its leader.</summary>
    /// <exception cref="KafkaException">The leader did not answer within <paramref name="timeout"/>.</exception>
    public WatermarkOffsets Watermarks(TopicPartition partition, TimeSpan timeout) =>
        Call(consumer => consumer.QueryWatermarkOffsets(partition, timeout));

    /// <summary>The group's committed offsets (<see cref="Offset.Unset"/> where it has none).</summary>
    /// <exception cref="KafkaException">The group coordinator did not answer within <paramref name="timeout"/>.</exception>
    public IReadOnlyList<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions, TimeSpan timeout) =>
        Call(consumer => consumer.Committed(partitions, timeout));

    private T Call<T>(Func<IConsumer<Ignore, Ignore>, T> call)
    {
        _consumer ??= new ConsumerBuilder<Ignore, Ignore>(_config)
            // Its own errors (a broker down) surface as exceptions from the calls; the log would only repeat them.
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        try
        {
            return call(_consumer);
        }
        catch (KafkaException)
        {
            _consumer.Dispose();
            _consumer = null;
            throw;
        }
    }

    public void Dispose()
    {
        _consumer?.Dispose();
        _consumer = null;
    }
}
