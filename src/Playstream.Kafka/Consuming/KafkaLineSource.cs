using System.Diagnostics;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Consuming;

/// <summary>
/// Reads raw event lines from topics as a member of a consumer group. Values are the lines as a
/// shipper sends them (Logstash's plain codec: one line, no newline); keys are passed along (the
/// shipper's carry each line's source position), kept in shared chunks (<see cref="ByteArena"/>).
/// Nothing is committed behind the caller's back: offsets move only through <see cref="Commit"/>,
/// which the caller calls once what it read is fully written. A group without committed offsets
/// starts from the earliest record. Not thread-safe: one thread polls, commits and asks
/// <see cref="IsIdle"/>; the partition callbacks run on that thread, inside <see cref="Poll"/>.
/// </summary>
public sealed class KafkaLineSource : IDisposable
{
    private readonly KafkaOptions _options;
    private readonly IConsumer<ReadOnlyMemory<byte>, byte[]> _consumer;
    private readonly int _maxBatchRecords;
    private readonly HashSet<TopicPartition> _atEnd = [];
    private readonly Stopwatch _sinceLastRecord = Stopwatch.StartNew();
    private bool _everAssigned;
    private bool _closed;

    /// <param name="maxBatchRecords">At most this many records per <see cref="Poll"/>, over all partitions.</param>
    public KafkaLineSource(KafkaOptions options, string groupId, IReadOnlyList<string> topics, int maxBatchRecords = 10_000)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
            throw new ArgumentException("no topic to read", nameof(topics));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchRecords, 1);
        _options = options;
        _maxBatchRecords = maxBatchRecords;

        var config = options.ToConsumerConfig(groupId);
        // End-of-partition events make "caught up" cheap to see; the watermark query is the fallback.
        config.EnablePartitionEof = true;
        _consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, byte[]>(config)
            .SetKeyDeserializer(new ByteArena())
            .SetLogHandler((_, message) => ClientLogging.Forward(options, message))
            .SetErrorHandler((_, error) => options.Log?.Invoke($"kafka error: {error.Reason}"))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler(OnRevoked)
            .Build();
        _consumer.Subscribe(topics);
    }

    /// <summary>
    /// Called when the group hands this reader partitions. It may return where to start reading some
    /// of them (from a checkpoint); partitions it leaves out start at the group's committed offset.
    /// </summary>
    public Func<IReadOnlyList<TopicPartition>, IEnumerable<TopicPartitionOffset>?>? PartitionsAssigned { get; set; }

    /// <summary>
    /// Called when partitions are taken away (a rebalance, or <see cref="Close"/>). The caller
    /// commits what it has written for them here: after this call another member owns them.
    /// </summary>
    public Action<IReadOnlyList<TopicPartition>>? PartitionsRevoked { get; set; }

    /// <summary>The partitions this reader owns now.</summary>
    public IReadOnlyList<TopicPartition> Assignment => _consumer.Assignment;

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for a record, then takes whatever else is already
    /// fetched (up to the batch size) without waiting. Empty when nothing arrived.
    /// </summary>
    public IReadOnlyList<PartitionRecords> Poll(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var byPartition = new Dictionary<TopicPartition, List<KafkaRecord>>();
        var order = new List<TopicPartition>();
        var taken = 0;
        var wait = timeout;
        while (taken < _maxBatchRecords)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = _consumer.Consume(wait);
            wait = TimeSpan.Zero;
            if (result is null)
                break;
            var partition = result.TopicPartition;
            if (result.IsPartitionEOF)
            {
                _atEnd.Add(partition);
                continue;
            }
            _atEnd.Remove(partition);
            if (!byPartition.TryGetValue(partition, out var records))
            {
                records = [];
                byPartition.Add(partition, records);
                order.Add(partition);
            }
            records.Add(new KafkaRecord(partition.Topic, partition.Partition.Value, result.Offset.Value, result.Message.Value ?? [], result.Message.Key));
            taken++;
        }
        if (taken > 0)
            _sinceLastRecord.Restart();
        return order.Select(p => new PartitionRecords(p.Topic, p.Partition.Value, byPartition[p])).ToList();
    }

    /// <summary>
    /// Commits, for each partition, the offset of the next record to read: everything before it is
    /// written. Partitions with an unset offset are skipped.
    /// </summary>
    public void Commit(IEnumerable<TopicPartitionOffset> offsets)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        var valid = offsets.Where(o => o.Offset.Value >= 0).ToList();
        if (valid.Count > 0)
            _consumer.Commit(valid);
    }

    /// <summary>The group's committed offsets for these partitions (<see cref="Offset.Unset"/> where none).</summary>
    public IReadOnlyList<TopicPartitionOffset> Committed(IEnumerable<TopicPartition> partitions) =>
        _consumer.Committed(partitions, QueryTimeout);

    /// <summary>
    /// Whether this reader has read every record its partitions held when asked: each assigned
    /// partition reported its end, or its position is at or past its high watermark.
    /// False until the group has assigned partitions at least once.
    /// </summary>
    public bool IsCaughtUp()
    {
        if (!_everAssigned)
            return false;
        foreach (var partition in _consumer.Assignment)
        {
            if (_atEnd.Contains(partition))
                continue;
            var watermarks = _consumer.QueryWatermarkOffsets(partition, QueryTimeout);
            if (ReadPosition(partition, watermarks.Low) < watermarks.High.Value)
                return false;
        }
        return true;
    }

    /// <summary>
    /// For <c>--until-idle</c>: caught up on every assigned partition and no record arrived for
    /// <paramref name="idleFor"/>.
    /// </summary>
    public bool IsIdle(TimeSpan idleFor) => _sinceLastRecord.Elapsed >= idleFor && IsCaughtUp();

    /// <summary>Leaves the group cleanly (the revoked callback runs first); the reader cannot poll afterwards.</summary>
    public void Close()
    {
        if (_closed)
            return;
        _closed = true;
        _consumer.Close();
    }

    public void Dispose()
    {
        try
        {
            Close();
        }
        catch (KafkaException e)
        {
            // A broker that is gone cannot take the leave-group request; the session timeout frees the partitions.
            _options.Log?.Invoke($"kafka: leaving the group failed: {e.Error.Reason}");
        }
        _consumer.Dispose();
    }

    private static TimeSpan QueryTimeout => TimeSpan.FromSeconds(10);

    /// <summary>Next offset to read: after the last record returned, else the committed offset, else the earliest.</summary>
    private long ReadPosition(TopicPartition partition, Offset low)
    {
        var position = _consumer.Position(partition);
        if (position.Value >= 0)
            return position.Value;
        var committed = _consumer.Committed([partition], QueryTimeout);
        var offset = committed.Count > 0 ? committed[0].Offset : Offset.Unset;
        return offset.Value >= 0 ? offset.Value : low.Value;
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<ReadOnlyMemory<byte>, byte[]> consumer, List<TopicPartition> partitions)
    {
        _everAssigned = true;
        foreach (var partition in partitions)
            _atEnd.Remove(partition);
        var starts = PartitionsAssigned?.Invoke(partitions)?.ToDictionary(o => o.TopicPartition, o => o.Offset)
            ?? new Dictionary<TopicPartition, Offset>();
        return partitions.Select(p => new TopicPartitionOffset(p, starts.TryGetValue(p, out var start) ? start : Offset.Unset)).ToList();
    }

    private void OnRevoked(IConsumer<ReadOnlyMemory<byte>, byte[]> consumer, List<TopicPartitionOffset> partitions)
    {
        foreach (var partition in partitions)
            _atEnd.Remove(partition.TopicPartition);
        PartitionsRevoked?.Invoke(partitions.Select(p => p.TopicPartition).ToList());
    }
}
