using System.Globalization;
using Playstream.Core.Lookups;
using Playstream.Core.Resilience;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Keeps a <see cref="LookupTables"/> filled from Redis (the playstream layout). The tables are
/// read whole and swapped in by reference, so the hot path looks customers and tracks up in
/// memory and never waits on Redis. <see cref="RunAsync"/> rereads them whenever
/// <c>playstream:lookups:version</c> changes; while Redis is away it keeps the last tables.
/// </summary>
public sealed class RedisLookupCache
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly RedisContext _redis;

    public RedisLookupCache(
        IConnectionMultiplexer redis,
        RedisKeys keys,
        LookupTables target,
        TimeSpan? refreshInterval = null,
        int batchSize = CommandPipeline.DefaultBatchSize)
    {
        _redis = new RedisContext(redis, keys, batchSize);
        ArgumentNullException.ThrowIfNull(target);
        RefreshInterval = refreshInterval ?? DefaultRefreshInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RefreshInterval, TimeSpan.Zero, nameof(refreshInterval));
        Target = target;
    }

    /// <summary>The tables the pipeline reads; their references are replaced on each reload.</summary>
    public LookupTables Target { get; }

    public TimeSpan RefreshInterval { get; }

    /// <summary>The lookups version the tables in <see cref="Target"/> were read at; null until the first read.</summary>
    public long? Version { get; private set; }

    // The version whose tables were kept when Redis turned up empty: said once, not at every refresh.
    private long? _lostVersion;

    /// <summary>Something worth telling an operator: a reload, a skipped entry, Redis going away and coming back.</summary>
    public event EventHandler<string>? Report;

    /// <summary>Raised after new tables were swapped in, with their version.</summary>
    public event EventHandler<long>? Refreshed;

    /// <summary>The lookups version in Redis now (0 before anything was loaded).</summary>
    public async Task<long> ReadVersionAsync()
    {
        var value = await _redis.Db.StringGetAsync(_redis.Keys.LookupsVersion).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    /// <summary>Reads every listed customer and track into fresh tables. Throws when Redis does not answer.</summary>
    public async Task<LookupTables> ReadAsync(CancellationToken cancel = default)
    {
        var customers = new CustomerTable();
        var customerIds = await _redis.ReadIdsAsync(_redis.Keys.CustomerIds).ConfigureAwait(false);
        var missing = 0;
        await CommandPipeline.ForEachReplyAsync(
            customerIds, _redis.BatchSize, id => _redis.Db.HashGetAllAsync(_redis.Keys.Customer(id)),
            (id, entries) =>
            {
                if (CustomerHash.FromEntries(id, entries) is { } customer)
                    customers.Set(customer);
                else
                    missing++;
            },
            cancel).ConfigureAwait(false);

        var tracks = new TrackTable();
        var trackIds = await _redis.ReadIdsAsync(_redis.Keys.TrackIds).ConfigureAwait(false);
        await CommandPipeline.ForEachReplyAsync(
            trackIds, _redis.BatchSize, id => _redis.Db.HashGetAllAsync(_redis.Keys.Track(id)),
            (id, entries) =>
            {
                if (TrackHash.FromEntries(id, entries) is { } track)
                    tracks.Set(track);
                else
                    missing++;
            },
            cancel).ConfigureAwait(false);

        if (missing > 0)
            Say($"{missing} listed lookup ids have no readable hash (a load in progress, or a bad length); skipped");
        return new LookupTables(customers, tracks);
    }

    /// <summary>
    /// Rereads the tables when the version in Redis differs from <see cref="Version"/> (or nothing
    /// was read yet) and swaps them in. Returns whether it did. Throws when Redis does not answer.
    /// A Redis that holds no version any more, after tables were read, is a Redis that lost its
    /// data: the tables held are kept (and that is reported once) until a load sets a version again.
    /// </summary>
    public async Task<bool> RefreshAsync(CancellationToken cancel = default)
    {
        // The version is read before the tables: a load that lands while they are read bumps it
        // again afterwards, and the next check rereads.
        var version = await ReadVersionAsync().ConfigureAwait(false);
        // After a loss the loads start counting again, and may reach the version held with other
        // files: the first version seen after a loss is read whatever its number.
        if (version == Version && _lostVersion is null)
            return false;
        if (version == 0 && Version > 0)
        {
            // Every load increments the version, so none at all after some were read means Redis
            // lost its data (restarted without persistence, or flushed). Empty tables would turn
            // every later play into an unknown customer and track; the ones held are still right.
            if (_lostVersion is null)
                Say($"redis holds no lookups any more (no {_redis.Keys.LookupsVersion}: it lost its data?); keeping the tables of version {Version} until `playstream load` runs again");
            _lostVersion = Version;
            return false;
        }
        _lostVersion = null;
        var tables = await ReadAsync(cancel).ConfigureAwait(false);
        Target.Customers = tables.Customers;
        Target.Tracks = tables.Tracks;
        Version = version;
        Say($"lookups version {version.ToString(CultureInfo.InvariantCulture)}: {tables.Customers.Count} customers, {tables.Tracks.Count} tracks");
        try
        {
            Refreshed?.Invoke(this, version);
        }
        catch (Exception e)
        {
            Say($"a Refreshed handler failed: {e.Message}");
        }
        return true;
    }

    /// <summary>
    /// Refreshes now and then every <see cref="RefreshInterval"/> until cancelled. Never throws:
    /// when Redis does not answer it keeps the tables it has, says so, and retries with backoff.
    /// </summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        var failures = 0;
        // The waits after failures grow to 30 s, or to the refresh interval when that is longer.
        var longest = new Backoff().Max;
        var retry = new Backoff { Max = RefreshInterval > longest ? RefreshInterval : longest }.Pipeline(
            _ => true,
            args =>
            {
                failures++;
                var kept = Version is null ? "no tables loaded yet" : $"keeping the tables of version {Version}";
                Say($"cannot refresh lookups from Redis ({RedisConnection.FailureReason(args.Outcome.Exception!.Message)}); {kept}; retry in {args.RetryDelay.TotalSeconds:0.#} s");
                return default;
            });
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await retry.ExecuteAsync(async token => await RefreshAsync(token).ConfigureAwait(false), cancel).ConfigureAwait(false);
                if (failures > 0)
                    Say("Redis answers again");
                failures = 0;
                await Task.Delay(RefreshInterval, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private void Say(string message)
    {
        try
        {
            Report?.Invoke(this, message);
        }
        catch (Exception)
        {
            // A failing listener must not stop the refresh loop.
        }
    }
}
