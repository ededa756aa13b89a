using Playstream.Core.Results;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Writes results to Redis as whole values (docs/redis-keys.md): every write sets a key's full
/// content and nothing is incremented, so writing the same results again (a replay after a
/// restart) leaves Redis exactly as it was. Commands are pipelined.
/// </summary>
public sealed class RedisResultsWriter(IConnectionMultiplexer redis, RedisKeys keys, int batchSize = CommandPipeline.DefaultBatchSize)
{
    // Replaces a gender's top list unless Redis already holds a later window for it, so that
    // writers finishing out of order never put an older window back.
    private const string SetTopTracksIfNotOlder = """
        local current = redis.call('HGET', KEYS[1], 'window_start')
        if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'window_start', ARGV[1], 'window_end', ARGV[2], 'gender', ARGV[3], 'tracks', ARGV[4])
        redis.call('SADD', KEYS[2], ARGV[3])
        return 1
        """;

    // ARGV holds track, detected_at pairs: each track joins the set, its time is kept when earlier than the stored one.
    private const string AddInterestsKeepingEarliest = """
        for i = 1, #ARGV, 2 do
          local current = redis.call('HGET', KEYS[2], ARGV[i])
          if not current or tonumber(current) > tonumber(ARGV[i + 1]) then
            redis.call('HSET', KEYS[2], ARGV[i], ARGV[i + 1])
          end
          redis.call('SADD', KEYS[1], ARGV[i])
        end
        return 1
        """;

    private readonly RedisContext _redis = new(redis, keys, batchSize);

    /// <summary>Writes every result Redis keeps (all but activity, which lives in the search index).</summary>
    public async Task WriteAsync(AnalyticsResults results, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        await WriteInterestsAsync(results.Interests, cancel).ConfigureAwait(false);
        await WriteUniqueTracksAsync(results.UniqueTracks).ConfigureAwait(false);
        await WriteTopTracksAsync(results.TopTracks).ConfigureAwait(false);
        await WriteProfilesAsync(results.Profiles, cancel).ConfigureAwait(false);
        await WriteProfileSummaryAsync(results.ProfileSummary).ConfigureAwait(false);
        await WriteSummaryAsync(results.Summary).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds each interest to its customer's set, keeping per (customer, track) the earliest
    /// detection Redis was ever given. A true interest never goes away and a view of the plays
    /// never detects one earlier than it truly was, so this converges to the true results
    /// whatever order writers land in, and a writer whose view no longer holds an old interest
    /// (evicted under <c>--allowed-lateness</c>) cannot remove it.
    /// </summary>
    public async Task WriteInterestsAsync(IEnumerable<Interest> interests, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(interests);
        var pipeline = _redis.NewPipeline();
        var customers = new List<RedisValue>();
        foreach (var group in interests.GroupBy(i => i.CustomerId))
        {
            cancel.ThrowIfCancellationRequested();
            customers.Add(group.Key);
            var earliest = group.GroupBy(i => i.TrackId)
                .SelectMany(g => new RedisValue[] { g.Key, g.Min(i => i.DetectedAt) })
                .ToArray();
            await pipeline.AddAsync(_redis.Db.ScriptEvaluateAsync(AddInterestsKeepingEarliest,
                [_redis.Keys.Interests(group.Key), _redis.Keys.InterestDetectedAt(group.Key)], earliest)).ConfigureAwait(false);
        }
        foreach (var chunk in customers.Chunk(_redis.BatchSize))
            await pipeline.AddAsync(_redis.Db.SetAddAsync(_redis.Keys.InterestCustomers, chunk)).ConfigureAwait(false);
        await pipeline.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Replaces the set of each scope given (<c>all</c>, <c>mobile</c>).</summary>
    public async Task WriteUniqueTracksAsync(IEnumerable<UniqueTracks> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var steps = new List<Task>();
        foreach (var scope in scopes)
        {
            var key = _redis.Keys.UniqueTracks(scope.Scope);
            var tx = _redis.Db.CreateTransaction();
            steps.Add(tx.KeyDeleteAsync(key));
            if (scope.TrackIds.Count > 0)
                steps.Add(tx.SetAddAsync(key, scope.TrackIds.Select(id => (RedisValue)id).ToArray()));
            steps.Add(tx.ExecuteAsync());
        }
        await Task.WhenAll(steps).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes, per gender, the latest of the given windows, unless Redis already holds a later
    /// one. Returns how many genders' lists were written.
    /// </summary>
    public async Task<int> WriteTopTracksAsync(IEnumerable<TopTracksWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var latest = windows.GroupBy(w => w.Gender, StringComparer.Ordinal)
            .Select(g => g.MaxBy(w => w.WindowStart)!)
            .ToList();
        var replies = latest.Select(w => _redis.Db.ScriptEvaluateAsync(
            SetTopTracksIfNotOlder,
            [_redis.Keys.TopTracks(w.Gender), _redis.Keys.TopTracksGenders],
            [w.WindowStart, w.WindowEnd, w.Gender, ResultHashes.TracksJson(w.Tracks)])).ToArray();
        await Task.WhenAll(replies).ConfigureAwait(false);
        return replies.Count(r => (long)r.Result == 1);
    }

    /// <summary>Sets each customer's profile hash (all its fields, so a rewrite leaves nothing stale).</summary>
    public async Task WriteProfilesAsync(IEnumerable<CustomerProfile> profiles, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var pipeline = _redis.NewPipeline();
        var customers = new List<RedisValue>();
        foreach (var profile in profiles)
        {
            cancel.ThrowIfCancellationRequested();
            customers.Add(profile.CustomerId);
            await pipeline.AddAsync(_redis.Db.HashSetAsync(_redis.Keys.Profile(profile.CustomerId), ResultHashes.ProfileEntries(profile))).ConfigureAwait(false);
        }
        foreach (var chunk in customers.Chunk(_redis.BatchSize))
            await pipeline.AddAsync(_redis.Db.SetAddAsync(_redis.Keys.ProfileCustomers, chunk)).ConfigureAwait(false);
        await pipeline.FlushAsync().ConfigureAwait(false);
    }

    public Task WriteProfileSummaryAsync(ProfileSummary summary) =>
        ReplaceHashAsync(_redis.Keys.ProfileSummary, ResultHashes.ProfileSummaryEntries(summary));

    public Task WriteSummaryAsync(RunSummary summary) =>
        ReplaceHashAsync(_redis.Keys.Summary, ResultHashes.SummaryEntries(summary));

    /// <summary>Deletes every result key this writer writes, as listed by its index sets; lookups are left alone.</summary>
    public async Task ClearAsync()
    {
        var keys = new List<RedisKey>
        {
            _redis.Keys.UniqueTracks("all"), _redis.Keys.UniqueTracks("mobile"), _redis.Keys.ProfileSummary, _redis.Keys.Summary,
            _redis.Keys.InterestCustomers, _redis.Keys.ProfileCustomers, _redis.Keys.TopTracksGenders,
        };
        foreach (var id in await _redis.ReadIdsAsync(_redis.Keys.InterestCustomers).ConfigureAwait(false))
        {
            keys.Add(_redis.Keys.Interests(id));
            keys.Add(_redis.Keys.InterestDetectedAt(id));
        }
        foreach (var id in await _redis.ReadIdsAsync(_redis.Keys.ProfileCustomers).ConfigureAwait(false))
            keys.Add(_redis.Keys.Profile(id));
        foreach (var gender in await _redis.Db.SetMembersAsync(_redis.Keys.TopTracksGenders).ConfigureAwait(false))
            keys.Add(_redis.Keys.TopTracks((string)gender!));
        var pipeline = _redis.NewPipeline();
        foreach (var chunk in keys.Chunk(_redis.BatchSize))
            await pipeline.AddAsync(_redis.Db.KeyDeleteAsync(chunk)).ConfigureAwait(false);
        await pipeline.FlushAsync().ConfigureAwait(false);
    }

    private Task ReplaceHashAsync(string key, HashEntry[] entries)
    {
        var tx = _redis.Db.CreateTransaction();
        var steps = new[] { tx.KeyDeleteAsync(key), tx.HashSetAsync(key, entries), tx.ExecuteAsync() };
        return Task.WhenAll(steps);
    }
}
