namespace Playstream.Core.Checkpoints;

/// <summary>
/// Where whole-state checkpoints live: a followed run's (files beside its embedded store). A
/// <c>scope</c> names the pipeline, so several can share one store.
/// </summary>
/// <remarks>
/// The stack's <c>process</c> does not checkpoint through here, and that is by nature, not by
/// drift: its partitions commit to a streaming task store (<c>ITaskStore</c>, Redis), which fences
/// every commit by the partition's epoch, keeps a snapshot and the change log entries after it,
/// and queues each commit's window partials for their owners, all in one transaction. A followed
/// run is one process that owns its whole state, and replaces it whole.
/// </remarks>
public interface ICheckpointStore
{
    Task SaveAsync(string scope, PartitionCheckpoint checkpoint, CancellationToken cancellationToken = default);

    Task<PartitionCheckpoint?> LoadAsync(string scope, string source, CancellationToken cancellationToken = default);

    /// <summary>Every source's latest checkpoint in the scope.</summary>
    Task<IReadOnlyList<PartitionCheckpoint>> LoadAllAsync(string scope, CancellationToken cancellationToken = default);
}
