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
