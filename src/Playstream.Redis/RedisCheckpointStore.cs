using Playstream.Core.Checkpoints;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Partition checkpoints in Redis, shared by every instance of a consumer group: a hash per
/// partition holding the next offset and the state snapshot, written in one MULTI/EXEC so
/// a reader never sees a snapshot with another checkpoint's offset.
/// </summary>
public sealed class RedisCheckpointStore(IConnectionMultiplexer redis, RedisKeys keys) : ICheckpointStore
{
    private const string OffsetField = "next_offset";
    private const string SnapshotField = "snapshot";

    public async Task SaveAsync(string scope, PartitionCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        _ = transaction.HashSetAsync(keys.Checkpoint(scope, checkpoint.Source),
            [new HashEntry(OffsetField, checkpoint.NextOffset), new HashEntry(SnapshotField, checkpoint.Snapshot)]);
        _ = transaction.SetAddAsync(keys.CheckpointSources(scope), checkpoint.Source);
        if (!await transaction.ExecuteAsync().ConfigureAwait(false))
            throw new RedisException($"checkpoint of {checkpoint.Source} was not written");
    }

    public async Task<PartitionCheckpoint?> LoadAsync(string scope, string source, CancellationToken cancellationToken = default)
    {
        var values = await redis.GetDatabase().HashGetAsync(keys.Checkpoint(scope, source), [OffsetField, SnapshotField]).ConfigureAwait(false);
        if (values[0].IsNull || values[1].IsNull)
            return null;
        return new PartitionCheckpoint(source, (long)values[0], (byte[])values[1]!);
    }

    public async Task<IReadOnlyList<PartitionCheckpoint>> LoadAllAsync(string scope, CancellationToken cancellationToken = default)
    {
        var sources = await redis.GetDatabase().SetMembersAsync(keys.CheckpointSources(scope)).ConfigureAwait(false);
        var checkpoints = new List<PartitionCheckpoint>();
        foreach (var source in sources.Select(s => s.ToString()).Order(StringComparer.Ordinal))
            if (await LoadAsync(scope, source, cancellationToken).ConfigureAwait(false) is { } checkpoint)
                checkpoints.Add(checkpoint);
        return checkpoints;
    }

    /// <summary>Forgets a scope's checkpoints (a reset of the pipeline).</summary>
    public async Task ClearAsync(string scope)
    {
        var db = redis.GetDatabase();
        foreach (var source in await db.SetMembersAsync(keys.CheckpointSources(scope)).ConfigureAwait(false))
            await db.KeyDeleteAsync(keys.Checkpoint(scope, source.ToString())).ConfigureAwait(false);
        await db.KeyDeleteAsync(keys.CheckpointSources(scope)).ConfigureAwait(false);
    }
}
