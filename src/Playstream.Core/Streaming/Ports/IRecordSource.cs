namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// Where a runner's records come from: a member of a consumer group reading the input topic and
/// the repartition topic, whose partitions it holds in pairs (input partition p with repartition
/// partition p). Partitions it is handed wait, paused, until <see cref="Start"/> says where to read
/// from; records of partitions not started are not handed over. Used from one thread.
/// </summary>
public interface IRecordSource
{
    /// <summary>The input topic's partitions (the repartition topic has as many).</summary>
    int Partitions { get; }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for records of started partitions; empty when none
    /// came. The batches, and the records' keys and values, hold until the next call only: a
    /// source may reuse their memory then.
    /// </summary>
    IReadOnlyList<StreamBatch> Poll(TimeSpan timeout);

    /// <summary>The partitions handed over or taken away since the last call, in the order it happened.</summary>
    IReadOnlyList<AssignmentChange> TakeAssignmentChanges();

    /// <summary>Starts reading a held partition pair at these offsets.</summary>
    void Start(int partition, long inputOffset, long repartitionOffset);

    /// <summary>The first and the next-to-be-written offsets of both topics' partition <paramref name="partition"/>, held or not.</summary>
    PartitionEnds Ends(int partition);

    /// <summary>
    /// Records of the started partitions not handed over yet, as far as the source knows (a
    /// client's last word from the broker may be a moment old); null when it cannot tell.
    /// </summary>
    long? Backlog => null;

    /// <summary>Tells the group how far tasks got (for lag and status views; restarts use the checkpoints, not these).</summary>
    void ReportPositions(IReadOnlyList<(int Partition, long Input, long Repartition)> positions);
}
