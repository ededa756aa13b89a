using Confluent.Kafka;
using Playstream.Core.Streaming.Ports;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Consuming;

namespace Playstream.Kafka.Streaming;

/// <summary>
/// A consumer-group member reading the input topic and the repartition topic. Both have the same
/// partition count and the range assignor hands a member the same partition numbers of both, so
/// it holds partitions in pairs, as its tasks need. The group's callbacks only note what changed;
/// new partitions are paused until the runner, having restored their task, says where to start
/// (<see cref="Start"/>). Offsets are committed only as a report of progress: a task resumes from
/// its own checkpoint. Used from one thread; the callbacks run inside <see cref="Poll"/>.
/// </summary>
public sealed class KafkaRecordSource : IRecordSource, IDisposable
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(10);

    private readonly KafkaOptions _options;
    private readonly IConsumer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> _consumer;
    // Asks for watermarks on a connection of its own: on the member's, each query waits behind the
    // fetch in flight (a broker answers one connection's requests in order), half a second each.
    private readonly KafkaOffsets _watermarks;
    private readonly string _input;
    private readonly string _repartition;
    private readonly int _maxRecords;
    private readonly HashSet<TopicPartition> _held = [];
    private readonly HashSet<int> _started = [];
    private readonly HashSet<TopicPartition> _toPause = [];
    // Starts the client refused for now (no metadata for the partition yet: a broker just back), tried again at each poll.
    private readonly Dictionary<int, (long Input, long Repartition)> _toStart = [];
    private readonly List<AssignmentChange> _changes = [];
    // Each poll's records, by partition and topic; the lists are cleared and filled again at the next poll.
    private readonly Dictionary<(int Partition, RecordTopic Topic), List<StreamRecord>> _polled = [];
    private string? _lastCommitProblem;
    private string? _lastConsumeProblem;
    private bool _closed;

    /// <param name="partitions">The input topic's partition count (the repartition topic has as many).</param>
    public KafkaRecordSource(KafkaOptions options, string group, string inputTopic, string repartitionTopic, int partitions, int maxRecordsPerPoll = 10_000)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _input = inputTopic;
        _repartition = repartitionTopic;
        Partitions = partitions;
        _maxRecords = maxRecordsPerPoll;
        var config = options.ToConsumerConfig(group);
        // Co-partitioning: input partition p and repartition partition p go to the same member only under the range assignor.
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.Range;
        _consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(config)
            .SetKeyDeserializer(new ByteArena())
            .SetValueDeserializer(new ByteArena())
            .SetLogHandler((_, message) => ClientLogging.Forward(options, message))
            .SetErrorHandler((_, error) => options.Log?.Invoke($"kafka error: {error.Reason}"))
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler((_, partitions) => OnTakenAway(partitions.Select(p => p.TopicPartition), lost: false))
            .SetPartitionsLostHandler((_, partitions) =>
            {
                OnTakenAway(partitions.Select(p => p.TopicPartition), lost: true);
                return [];
            })
            .Build();
        _consumer.Subscribe([inputTopic, repartitionTopic]);
        _watermarks = new KafkaOffsets(options, group: null);
    }

    public int Partitions { get; }

    public IReadOnlyList<StreamBatch> Poll(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        PauseNewPartitions();
        foreach (var (partition, offsets) in _toStart.ToList())
            TryStart(partition, offsets.Input, offsets.Repartition);
        foreach (var records in _polled.Values)
            records.Clear();
        var taken = 0;
        var wait = timeout;
        while (taken < _maxRecords)
        {
            ConsumeResult<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>? result;
            try
            {
                result = _consumer.Consume(wait);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                // A partition's error (its metadata gone while a broker restarts, say) is the client's to recover from; it goes on fetching.
                if (e.Error.Reason != _lastConsumeProblem)
                    _options.Log?.Invoke($"kafka: reading {e.ConsumerRecord?.TopicPartition.ToString() ?? "a partition"} failed for now: {e.Error.Reason}");
                _lastConsumeProblem = e.Error.Reason;
                break;
            }
            wait = TimeSpan.Zero;
            if (result is null)
                break;
            // Partitions handed over during this call wait for their task: pause them before any more is fetched.
            PauseNewPartitions();
            var partition = result.Partition.Value;
            if (!_started.Contains(partition) || !_held.Contains(result.TopicPartition))
                continue;
            var topic = result.Topic == _input ? RecordTopic.Input : RecordTopic.Repartition;
            if (!_polled.TryGetValue((partition, topic), out var records))
                _polled.Add((partition, topic), records = []);
            records.Add(new StreamRecord(result.Offset.Value, result.Message.Key, result.Message.Value));
            taken++;
        }
        return [.. _polled.Where(p => p.Value.Count > 0).Select(p => new StreamBatch(p.Key.Partition, p.Key.Topic, p.Value))];
    }

    public long? Backlog
    {
        get
        {
            // The client's own figures (the high watermark of its last fetch, the next offset it
            // hands over): no request to the broker.
            long behind = 0;
            try
            {
                foreach (var held in _held)
                {
                    if (!_started.Contains(held.Partition.Value))
                        continue;
                    var high = _consumer.GetWatermarkOffsets(held).High;
                    var next = _consumer.Position(held);
                    if (high == Offset.Unset || next == Offset.Unset)
                        return null;
                    behind += Math.Max(0, high.Value - next.Value);
                }
            }
            catch (KafkaException)
            {
                return null;
            }
            return behind;
        }
    }

    public IReadOnlyList<AssignmentChange> TakeAssignmentChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    public void Start(int partition, long inputOffset, long repartitionOffset) => TryStart(partition, inputOffset, repartitionOffset);

    private void TryStart(int partition, long inputOffset, long repartitionOffset)
    {
        var input = new TopicPartition(_input, partition);
        var repartition = new TopicPartition(_repartition, partition);
        var retrying = _toStart.Remove(partition);
        if (!_held.Contains(input) || !_held.Contains(repartition))
            return;
        try
        {
            PauseNewPartitions();
            _consumer.Seek(new TopicPartitionOffset(input, new Offset(inputOffset)));
            _consumer.Seek(new TopicPartitionOffset(repartition, new Offset(repartitionOffset)));
            _consumer.Resume([input, repartition]);
            _started.Add(partition);
        }
        catch (KafkaException e)
        {
            if (!retrying)
                _options.Log?.Invoke($"partition {partition}: cannot start reading yet ({e.Error.Reason}); trying again at each poll");
            _toStart[partition] = (inputOffset, repartitionOffset);
        }
    }

    /// <remarks>Ends a broker cannot tell now read as not reached (high = <see cref="long.MaxValue"/>): a job is never declared done on a guess.</remarks>
    public PartitionEnds Ends(int partition)
    {
        try
        {
            var input = _watermarks.Watermarks(new TopicPartition(_input, partition), QueryTimeout);
            var repartition = _watermarks.Watermarks(new TopicPartition(_repartition, partition), QueryTimeout);
            return new PartitionEnds(input.Low.Value, input.High.Value, repartition.Low.Value, repartition.High.Value);
        }
        catch (KafkaException)
        {
            return new PartitionEnds(0, long.MaxValue, 0, long.MaxValue);
        }
    }

    public void ReportPositions(IReadOnlyList<(int Partition, long Input, long Repartition)> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var offsets = positions.Where(p => _started.Contains(p.Partition))
            .SelectMany(p => new[]
            {
                new TopicPartitionOffset(_input, p.Partition, p.Input),
                new TopicPartitionOffset(_repartition, p.Partition, p.Repartition),
            })
            .Where(o => o.Offset.Value > 0)
            .ToList();
        if (offsets.Count == 0)
            return;
        try
        {
            _consumer.Commit(offsets);
            _lastCommitProblem = null;
        }
        catch (KafkaException e)
        {
            // Only a report of progress (for lag and status views): say so once, not at every flush.
            if (e.Error.Reason != _lastCommitProblem)
                _options.Log?.Invoke($"committing offsets to kafka failed ({e.Error.Reason}); they only report progress, the tasks' checkpoints hold the positions");
            _lastCommitProblem = e.Error.Reason;
        }
    }

    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> consumer, List<TopicPartition> partitions)
    {
        foreach (var partition in partitions)
        {
            _held.Add(partition);
            _toPause.Add(partition);
        }
        foreach (var number in partitions.Select(p => p.Partition.Value).Distinct().Order())
        {
            if (_held.Contains(new TopicPartition(_input, number)) && _held.Contains(new TopicPartition(_repartition, number)))
                _changes.Add(new AssignmentChange(number, true));
            else
                _options.Log?.Invoke($"partition {number}: only one of {_input} and {_repartition} was handed over; it waits for the other (are other members using another assignor?)");
        }
        return partitions.Select(p => new TopicPartitionOffset(p, Offset.Unset));
    }

    private void OnTakenAway(IEnumerable<TopicPartition> partitions, bool lost)
    {
        foreach (var number in partitions.Select(p =>
                 {
                     _held.Remove(p);
                     _toPause.Remove(p);
                     _toStart.Remove(p.Partition.Value);
                     return p.Partition.Value;
                 }).Distinct().ToList())
        {
            _started.Remove(number);
            _changes.Add(new AssignmentChange(number, false, lost));
        }
    }

    private void PauseNewPartitions()
    {
        if (_toPause.Count == 0)
            return;
        var assigned = _consumer.Assignment.ToHashSet();
        var ready = _toPause.Where(assigned.Contains).ToList();
        if (ready.Count == 0)
            return;
        try
        {
            _consumer.Pause(ready);
        }
        catch (KafkaException)
        {
            return; // tried again before the next fetch is handed over
        }
        foreach (var partition in ready)
            _toPause.Remove(partition);
    }

    /// <summary>Leaves the group; a broker that does not answer is given <paramref name="timeout"/>, then the session timeout frees the partitions.</summary>
    public void Close(TimeSpan timeout)
    {
        if (_closed)
            return;
        _closed = true;
        var closing = Task.Run(() =>
        {
            try
            {
                _consumer.Close();
            }
            catch (KafkaException e)
            {
                _options.Log?.Invoke($"kafka: leaving the group failed: {e.Error.Reason}");
            }
        });
        if (!closing.Wait(timeout))
            _options.Log?.Invoke($"kafka: leaving the group took longer than {timeout.TotalSeconds:0} s; going without (the group notices when the session times out)");
    }

    public void Dispose()
    {
        Close(TimeSpan.FromSeconds(5));
        _consumer.Dispose();
        _watermarks.Dispose();
    }
}
