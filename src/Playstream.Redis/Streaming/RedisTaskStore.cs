using System.Text.Json;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Runtime;
using StackExchange.Redis;

namespace Playstream.Redis.Streaming;

/// <summary>
/// Streaming tasks' state in Redis (docs/redis-keys.md): per partition an epoch, a snapshot, a
/// list of log entries after it, the window stage's snapshot and a stream of the partials
/// waiting for it; per job a hash of every task's progress. A commit is one MULTI/EXEC that runs
/// only while the partition's epoch is still the committer's (WATCH), so a member that lost its
/// partition and comes back cannot write over its successor, and a partial is queued exactly
/// when the flush it came from is stored.
/// </summary>
/// <remarks>
/// This is the stack's checkpoint, and it is not the whole-state checkpoint of a followed run
/// (<see cref="Core.Checkpoints.ICheckpointStore"/>) by nature: a partition's state moves between
/// members, so every commit is fenced, most commits are change-log entries rather than a whole
/// snapshot, and partials for other partitions' owners travel in the same transaction. The shipper
/// marks (<see cref="Core.Checkpoints.ShipperMark"/>) are part of the customer stage's snapshot here.
/// </remarks>
public sealed class RedisTaskStore(IConnectionMultiplexer redis, RedisKeys keys, string job, int partitions) : ITaskStore
{
    private const string DataField = "d";
    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<TaskClaim> ClaimAsync(int partition, CancellationToken cancellationToken)
    {
        // Once the epoch is raised no older owner can commit, so the reads after it see a state that holds still.
        var epoch = await _db.StringIncrementAsync(keys.TaskEpoch(job, partition)).ConfigureAwait(false);
        var batch = _db.CreateBatch();
        var snapshot = batch.StringGetAsync(keys.TaskSnapshot(job, partition));
        var log = batch.ListRangeAsync(keys.TaskLog(job, partition));
        var windows = batch.StringGetAsync(keys.TaskWindows(job, partition));
        batch.Execute();
        await Task.WhenAll(snapshot, log, windows).ConfigureAwait(false);
        return new TaskClaim(partition, epoch, (byte[]?)await snapshot.ConfigureAwait(false),
            [.. (await log.ConfigureAwait(false)).Select(e => (byte[])e!)], (byte[]?)await windows.ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<bool>> CommitAsync(IReadOnlyList<TaskCommit> commits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commits);
        var executions = new List<Task<bool>>(commits.Count);
        foreach (var commit in commits)
        {
            var partition = commit.Partition;
            var transaction = _db.CreateTransaction();
            transaction.AddCondition(Condition.StringEqual(keys.TaskEpoch(job, partition), commit.Epoch));
            if (commit.Snapshot is { } snapshot)
            {
                _ = transaction.StringSetAsync(keys.TaskSnapshot(job, partition), snapshot);
                _ = transaction.KeyDeleteAsync(keys.TaskLog(job, partition));
            }
            else if (commit.LogEntry is { } entry)
            {
                _ = transaction.ListRightPushAsync(keys.TaskLog(job, partition), entry);
            }
            if (commit.WindowSnapshot is { } windows)
            {
                _ = transaction.StringSetAsync(keys.TaskWindows(job, partition), windows);
                _ = transaction.StreamTrimByMinIdAsync(keys.TaskPartials(job, partition), PartialIds.Next(commit.WindowCursor!));
            }
            foreach (var (owner, data) in commit.Partials)
                _ = transaction.StreamAddAsync(keys.TaskPartials(job, owner), DataField, data);
            _ = transaction.HashSetAsync(keys.TaskProgress(job), partition, JsonSerializer.SerializeToUtf8Bytes(commit.Progress, ProgressJson.Default.TaskProgress));
            executions.Add(transaction.ExecuteAsync());
        }
        return await Task.WhenAll(executions).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<PartialEntry>> ReadPartialsAsync(IReadOnlyList<(int Owner, string After)> cursors, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cursors);
        if (cursors.Count == 0)
            return [];
        var positions = cursors.Select(c => new StreamPosition(keys.TaskPartials(job, c.Owner), c.After)).ToArray();
        var streams = await _db.StreamReadAsync(positions, max).ConfigureAwait(false);
        var entries = new List<PartialEntry>();
        for (var i = 0; i < streams.Length; i++)
        {
            var owner = cursors.First(c => keys.TaskPartials(job, c.Owner) == (string)streams[i].Key!).Owner;
            foreach (var entry in streams[i].Entries)
                entries.Add(new PartialEntry(owner, entry.Id!, (byte[])entry[DataField]!));
        }
        return entries;
    }

    public async Task<GroupState> ReadGroupAsync(CancellationToken cancellationToken)
    {
        var batch = _db.CreateBatch();
        var progress = batch.HashGetAllAsync(keys.TaskProgress(job));
        var lasts = Enumerable.Range(0, partitions)
            .Select(p => batch.StreamRangeAsync(keys.TaskPartials(job, p), "-", "+", 1, Order.Descending))
            .ToArray();
        batch.Execute();
        await Task.WhenAll([progress, .. lasts]).ConfigureAwait(false);
        var byPartition = new Dictionary<int, TaskProgress>();
        foreach (var entry in await progress.ConfigureAwait(false))
            if (int.TryParse((string?)entry.Name, out var partition))
                byPartition[partition] = JsonSerializer.Deserialize((byte[])entry.Value!, ProgressJson.Default.TaskProgress)
                    ?? throw new InvalidDataException($"{keys.TaskProgress(job)} holds an empty progress for partition {partition}");
        var last = new Dictionary<int, string>();
        for (var p = 0; p < partitions; p++)
            if (lasts[p].Result is { Length: > 0 } entries)
                last[p] = entries[0].Id!;
        return new GroupState(byPartition, last);
    }

    /// <summary>Deletes every key of the job (a reset).</summary>
    public async Task ClearAsync()
    {
        var all = new List<RedisKey> { keys.TaskProgress(job) };
        for (var p = 0; p < partitions; p++)
            all.AddRange([keys.TaskEpoch(job, p), keys.TaskSnapshot(job, p), keys.TaskLog(job, p), keys.TaskWindows(job, p), keys.TaskPartials(job, p)]);
        await _db.KeyDeleteAsync([.. all]).ConfigureAwait(false);
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower)]
[System.Text.Json.Serialization.JsonSerializable(typeof(TaskProgress))]
internal sealed partial class ProgressJson : System.Text.Json.Serialization.JsonSerializerContext;
