namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// Where tasks keep their state, shared by every member of the group: per partition an epoch,
/// a snapshot and the log of changes after it (the customer stage), a snapshot of the window
/// stage with the partials after it, and the task's progress. A claim raises the epoch; a commit
/// carrying an older epoch than the stored one is refused whole, so an owner that lost its
/// partition (a long pause, a stalled disk) cannot overwrite its successor's state.
/// </summary>
public interface ITaskStore
{
    /// <summary>Takes ownership of a partition's task: raises its epoch and reads what was stored.</summary>
    Task<TaskClaim> ClaimAsync(int partition, CancellationToken cancellationToken);

    /// <summary>
    /// Writes each commit atomically: all of it, or (when its epoch is no longer the stored one)
    /// none of it. Returns, per commit, whether it was written.
    /// </summary>
    Task<IReadOnlyList<bool>> CommitAsync(IReadOnlyList<TaskCommit> commits, CancellationToken cancellationToken);

    /// <summary>Partials for the given owners after the given entry ids, at most <paramref name="max"/> per owner, in id order.</summary>
    Task<IReadOnlyList<PartialEntry>> ReadPartialsAsync(IReadOnlyList<(int Owner, string After)> cursors, int max, CancellationToken cancellationToken);

    /// <summary>Every task's last committed progress, and the id of the last partial waiting for each owner.</summary>
    Task<GroupState> ReadGroupAsync(CancellationToken cancellationToken);
}

/// <summary>What a claim found: the new epoch, and the stored state (null and empty when the task is new).</summary>
public sealed record TaskClaim(int Partition, long Epoch, byte[]? Snapshot, IReadOnlyList<byte[]> Log, byte[]? WindowSnapshot);

/// <summary>
/// One flush of one task. <see cref="LogEntry"/> appends to the log, or <see cref="Snapshot"/>
/// replaces snapshot and log (it holds the flush's changes too); <see cref="WindowSnapshot"/>,
/// when set, replaces the window stage's snapshot, and the partials up to <see cref="WindowCursor"/>
/// may then be dropped. <see cref="Partials"/> are appended to their owners' queues.
/// </summary>
public sealed record TaskCommit(int Partition, long Epoch, TaskProgress Progress)
{
    public byte[]? LogEntry { get; init; }
    public byte[]? Snapshot { get; init; }
    public byte[]? WindowSnapshot { get; init; }
    public string? WindowCursor { get; init; }
    public IReadOnlyList<(int Owner, byte[] Data)> Partials { get; init; } = [];

    /// <summary>Bytes the commit writes.</summary>
    public long Bytes => (LogEntry?.Length ?? 0) + (Snapshot?.Length ?? 0) + (WindowSnapshot?.Length ?? 0) + Partials.Sum(p => (long)p.Data.Length) + 64;
}

/// <summary>A partial waiting for its owner; ids grow in the order partials were committed.</summary>
public sealed record PartialEntry(int Owner, string Id, byte[] Data);

/// <summary>
/// How far a task got, as of its last commit: input and repartition offsets taken, the last
/// partial its window stage merged, whether results it computed were still being written, its
/// input partition's latest play and when a play last arrived, and the horizon up to which its
/// customer stage has seen every play it will ever get.
/// </summary>
public sealed record TaskProgress(long InputNext, long RepartitionNext, string WindowCursor, bool ResultsPending)
{
    public long? SourceLatestPlay { get; init; }
    public long LastPlayAtMs { get; init; }
    public long? SafeHorizon { get; init; }
}

/// <summary>The group as the store saw it at one moment.</summary>
public sealed record GroupState(IReadOnlyDictionary<int, TaskProgress> Progress, IReadOnlyDictionary<int, string> LastPartialIds);
