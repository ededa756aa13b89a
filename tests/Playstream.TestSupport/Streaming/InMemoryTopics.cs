using Playstream.Core.Streaming.Ports;

namespace Playstream.TestSupport.Streaming;

/// <summary>The input and repartition topics of one job, in memory: per partition a list of (key, value) records.</summary>
public sealed class InMemoryTopics
{
    public InMemoryTopics(int partitions)
    {
        Input = [.. Enumerable.Range(0, partitions).Select(_ => new List<(byte[] Key, byte[] Value)>())];
        Repartition = [.. Enumerable.Range(0, partitions).Select(_ => new List<(byte[] Key, byte[] Value)>())];
    }

    public int Partitions => Input.Length;
    public List<(byte[] Key, byte[] Value)>[] Input { get; }
    public List<(byte[] Key, byte[] Value)>[] Repartition { get; }

    /// <summary>A producer to the repartition topic; what it produces lands at once.</summary>
    public IRepartitionProducer Producer() => new RepartitionWriter(this);

    private sealed class RepartitionWriter(InMemoryTopics topics) : IRepartitionProducer
    {
        public void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            lock (topics)
                topics.Repartition[partition].Add((key.ToArray(), value.ToArray()));
        }

        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>One member's view of the topics: the partitions the driver's group gives it, read from where the runner started them.</summary>
public sealed class InMemorySource(InMemoryTopics topics, int recordsPerPoll) : IRecordSource
{
    private readonly Dictionary<int, (int Input, int Repartition)> _started = [];
    private readonly HashSet<int> _held = [];
    private readonly List<AssignmentChange> _changes = [];

    public int Partitions => topics.Partitions;

    public IReadOnlySet<int> Held => _held;

    internal void Assign(int partition)
    {
        _held.Add(partition);
        _changes.Add(new AssignmentChange(partition, true));
    }

    internal void Revoke(int partition, bool lost)
    {
        _held.Remove(partition);
        _started.Remove(partition);
        _changes.Add(new AssignmentChange(partition, false, lost));
    }

    public IReadOnlyList<StreamBatch> Poll(TimeSpan timeout)
    {
        var batches = new List<StreamBatch>();
        lock (topics)
        {
            foreach (var (partition, (input, repartition)) in _started.ToList())
            {
                var inputRecords = Read(topics.Input[partition], input);
                var repartitionRecords = Read(topics.Repartition[partition], repartition);
                _started[partition] = (input + inputRecords.Count, repartition + repartitionRecords.Count);
                if (inputRecords.Count > 0)
                    batches.Add(new StreamBatch(partition, RecordTopic.Input, inputRecords));
                if (repartitionRecords.Count > 0)
                    batches.Add(new StreamBatch(partition, RecordTopic.Repartition, repartitionRecords));
            }
        }
        return batches;
    }

    private List<StreamRecord> Read(List<(byte[] Key, byte[] Value)> log, int from)
    {
        var records = new List<StreamRecord>();
        for (var offset = from; offset < log.Count && records.Count < recordsPerPoll; offset++)
            records.Add(new StreamRecord(offset, log[offset].Key, log[offset].Value));
        return records;
    }

    public IReadOnlyList<AssignmentChange> TakeAssignmentChanges()
    {
        var changes = _changes.ToList();
        _changes.Clear();
        return changes;
    }

    public void Start(int partition, long inputOffset, long repartitionOffset)
    {
        if (_held.Contains(partition))
            _started[partition] = ((int)inputOffset, (int)repartitionOffset);
    }

    public PartitionEnds Ends(int partition)
    {
        lock (topics)
            return new PartitionEnds(0, topics.Input[partition].Count, 0, topics.Repartition[partition].Count);
    }

    public void ReportPositions(IReadOnlyList<(int Partition, long Input, long Repartition)> positions)
    {
    }
}
