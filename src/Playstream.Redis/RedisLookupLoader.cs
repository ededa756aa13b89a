using Playstream.Core.Lookups;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Writes a customer or track table into Redis hashes (see docs/redis-keys.md). Loading the
/// same table twice writes the same values; ids that were loaded before but are gone from the
/// table are deleted; every load ends by bumping <c>playstream:lookups:version</c> so that
/// caches reload.
/// </summary>
public sealed class RedisLookupLoader(IConnectionMultiplexer redis, RedisKeys keys, int batchSize = CommandPipeline.DefaultBatchSize)
{
    private readonly RedisContext _redis = new(redis, keys, batchSize);

    public Task<LookupLoadReport> LoadCustomersAsync(
        CustomerTable customers,
        RedisLookupLayout layout = RedisLookupLayout.Playstream,
        IProgress<LookupLoadProgress>? progress = null,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var rows = customers.All().ToList();
        return layout switch
        {
            RedisLookupLayout.Playstream => LoadAsync(
                "customers", rows, c => c.Id, _redis.Keys.CustomerIds, _redis.Keys.Customer, WritePlaystreamCustomer, progress, cancel),
            RedisLookupLayout.Original => LoadAsync(
                "customers", rows, c => c.Id, _redis.Keys.OriginalCustomerIds, RedisKeys.OriginalCustomer,
                (db, key, c) => db.HashSetAsync(key, OriginalCustomerHash.ToEntries(c)), progress, cancel),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "unknown layout"),
        };
    }

    public Task<LookupLoadReport> LoadTracksAsync(
        TrackTable tracks, IProgress<LookupLoadProgress>? progress = null, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        return LoadAsync(
            "tracks", tracks.All().ToList(), t => t.Id, _redis.Keys.TrackIds, _redis.Keys.Track,
            (db, key, t) => db.HashSetAsync(key, TrackHash.ToEntries(t)), progress, cancel);
    }

    private static Task WritePlaystreamCustomer(IDatabaseAsync db, RedisKey key, Customer customer)
    {
        var set = db.HashSetAsync(key, CustomerHash.ToEntries(customer));
        // A file that lost its Age column must not leave the previous load's ages behind.
        return customer.Age is null
            ? Task.WhenAll(set, db.HashDeleteAsync(key, CustomerHash.Age))
            : set;
    }

    private async Task<LookupLoadReport> LoadAsync<TRow>(
        string kind,
        IReadOnlyList<TRow> rows,
        Func<TRow, int> idOf,
        string idSetKey,
        Func<int, string> keyOf,
        Func<IDatabaseAsync, RedisKey, TRow, Task> write,
        IProgress<LookupLoadProgress>? progress,
        CancellationToken cancel)
    {
        var previous = (await _redis.ReadIdsAsync(idSetKey).ConfigureAwait(false)).ToHashSet();
        var current = new HashSet<int>(rows.Count);

        // Ids go into the set before their hashes: a load cut short leaves ids whose hash may be
        // missing (readers skip those, the next load deletes them), never a hash nobody lists.
        var pipeline = _redis.NewPipeline();
        foreach (var chunk in rows.Select(idOf).Chunk(_redis.BatchSize))
        {
            current.UnionWith(chunk);
            await pipeline.AddAsync(_redis.Db.SetAddAsync(idSetKey, chunk.Select(id => (RedisValue)id).ToArray())).ConfigureAwait(false);
        }
        await pipeline.FlushAsync().ConfigureAwait(false);

        var written = 0;
        progress?.Report(new LookupLoadProgress(kind, 0, rows.Count));
        foreach (var chunk in rows.Chunk(_redis.BatchSize))
        {
            cancel.ThrowIfCancellationRequested();
            foreach (var row in chunk)
                await pipeline.AddAsync(write(_redis.Db, keyOf(idOf(row)), row)).ConfigureAwait(false);
            await pipeline.FlushAsync().ConfigureAwait(false);
            written += chunk.Length;
            progress?.Report(new LookupLoadProgress(kind, written, rows.Count));
        }

        previous.ExceptWith(current);
        foreach (var chunk in previous.Chunk(_redis.BatchSize))
        {
            await pipeline.AddAsync(_redis.Db.KeyDeleteAsync(chunk.Select(id => (RedisKey)keyOf(id)).ToArray())).ConfigureAwait(false);
            await pipeline.AddAsync(_redis.Db.SetRemoveAsync(idSetKey, chunk.Select(id => (RedisValue)id).ToArray())).ConfigureAwait(false);
        }
        await pipeline.FlushAsync().ConfigureAwait(false);

        var version = await _redis.Db.StringIncrementAsync(_redis.Keys.LookupsVersion).ConfigureAwait(false);
        return new LookupLoadReport(kind, written, previous.Count, version);
    }
}
