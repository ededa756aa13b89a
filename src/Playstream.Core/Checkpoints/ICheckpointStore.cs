namespace Playstream.Core.Checkpoints;

/// <summary>
/// Where partition checkpoints live, shared by every instance of a consumer group (Redis on
/// servers, files when embedded). A <paramref name="scope"/> names the group and topic, so
/// several pipelines can share one store.
/// </summary>
public interface ICheckpointStore
{
    Task SaveAsync(string scope, PartitionCheckpoint checkpoint, CancellationToken cancellationToken = default);

    Task<PartitionCheckpoint?> LoadAsync(string scope, string source, CancellationToken cancellationToken = default);

    /// <summary>Every partition's latest checkpoint in the scope: how one instance sees the others' partials.</summary>
    Task<IReadOnlyList<PartitionCheckpoint>> LoadAllAsync(string scope, CancellationToken cancellationToken = default);
}
