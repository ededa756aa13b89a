using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Writes results to Redis as whole values (docs/redis-keys.md): every write sets a key's full
/// content and nothing is incremented, so writing the same results again (a replay after a
/// restart) leaves Redis exactly as it was. Each value carries its version (see
/// <see cref="ResultVersions"/>) and replaces what Redis holds only when that is not newer, so
/// writers landing out of order, or one that has lost its partitions, never put an older value
/// back. Commands are pipelined.
/// </summary>
public sealed class RedisResultsWriter(IConnectionMultiplexer redis, RedisKeys keys, int batchSize = CommandPipeline.DefaultBatchSize) : IResultSink
{
    // Replaces a gender's top list unless Redis holds a later window for it, or the same window at
    // a higher version (more of its plays), so that an older list is never put back.
    private const string SetTopTracksIfNotOlder = """
        local current = redis.call('HGET', KEYS[1], 'window_start')
        if current and tonumber(current) > tonumber(ARGV[1]) then return 0 end
        if current and tonumber(current) == tonumber(ARGV[1]) then
          local version = redis.call('HGET', KEYS[1], 'window_plays')
          if version and tonumber(version) > tonumber(ARGV[5]) then return 0 end
        end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], 'window_start', ARGV[1], 'window_end', ARGV[2], 'gender', ARGV[3], 'tracks', ARGV[4], 'window_plays', ARGV[5])
        redis.call('SADD', KEYS[2], ARGV[3])
        return 1
        """;

    // Replaces a hash unless it holds a higher version in field ARGV[1]; ARGV[2] is the version, the rest field, value pairs (the version's among them).
    private const string ReplaceHashIfNotOlder = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if current and tonumber(current) > tonumber(ARGV[2]) then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('HSET', KEYS[1], unpack(ARGV, 3))
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

    /// <summary>Writes every changed result Redis keeps (all but activity and the breakdowns, which live in the search index).</summary>
    public async Task WriteAsync(ResultChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await WriteInterestsAsync(changes.Interests, cancellationToken).ConfigureAwait(false);
        if (changes.UniqueTracks is { } unique)
            await WriteUniqueTracksAsync(unique).ConfigureAwait(false);
        await WriteTopTracksAsync(changes.TopTracks).ConfigureAwait(false);
        await WriteProfilesAsync(changes.Profiles, cancellationToken).ConfigureAwait(false);
        if (changes.ProfileSummary is { } profileSummary)
            await WriteProfileSummaryAsync(profileSummary, changes.ProfileSummaryVersion).ConfigureAwait(false);
        if (changes.Summary is { } summary)
            await WriteSummaryAsync(summary).ConfigureAwait(false);
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

    /// <summary>Adds the tracks of each scope given (<c>all</c>, <c>mobile</c>) to its set: the sets only grow.</summary>
    public async Task WriteUniqueTracksAsync(IEnumerable<UniqueTracks> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var steps = new List<Task>();
        foreach (var scope in scopes.Where(s => s.TrackIds.Count > 0))
            foreach (var chunk in scope.TrackIds.Chunk(_redis.BatchSize))
                steps.Add(_redis.Db.SetAddAsync(_redis.Keys.UniqueTracks(scope.Scope), chunk.Select(id => (RedisValue)id).ToArray()));
        await Task.WhenAll(steps).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes, per gender, the latest of the given windows with the plays it holds for that gender
    /// (its version), unless Redis already holds a later window, or this one at a higher version.
    /// Returns how many genders' lists were written.
    /// </summary>
    public async Task<int> WriteTopTracksAsync(IEnumerable<(TopTracksWindow Window, long Plays)> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var latest = windows.GroupBy(w => w.Window.Gender, StringComparer.Ordinal)
            .Select(g => g.MaxBy(w => w.Window.WindowStart))
            .ToList();
        var replies = latest.Select(w => _redis.Db.ScriptEvaluateAsync(
            SetTopTracksIfNotOlder,
            [_redis.Keys.TopTracks(w.Window.Gender), _redis.Keys.TopTracksGenders],
            [w.Window.WindowStart, w.Window.WindowEnd, w.Window.Gender, ResultHashes.TracksJson(w.Window.Tracks), ResultVersions.OfTopTracks(w.Plays)])).ToArray();
        await Task.WhenAll(replies).ConfigureAwait(false);
        return replies.Count(r => (long)r.Result == 1);
    }

    /// <summary>Replaces each customer's profile hash (all its fields, so nothing stale is left), unless Redis holds one with more plays.</summary>
    public async Task WriteProfilesAsync(IEnumerable<CustomerProfile> profiles, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var pipeline = _redis.NewPipeline();
        var customers = new List<RedisValue>();
        foreach (var profile in profiles)
        {
            cancel.ThrowIfCancellationRequested();
            customers.Add(profile.CustomerId);
            await pipeline.AddAsync(ReplaceIfNotOlderAsync(_redis.Keys.Profile(profile.CustomerId), "plays", ResultVersions.Of(profile), ResultHashes.ProfileEntries(profile))).ConfigureAwait(false);
        }
        foreach (var chunk in customers.Chunk(_redis.BatchSize))
            await pipeline.AddAsync(_redis.Db.SetAddAsync(_redis.Keys.ProfileCustomers, chunk)).ConfigureAwait(false);
        await pipeline.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Replaces the profile summary unless Redis holds one taken over more events.</summary>
    public Task WriteProfileSummaryAsync(ProfileSummary summary, long events) =>
        ReplaceIfNotOlderAsync(_redis.Keys.ProfileSummary, "events", events, [.. ResultHashes.ProfileSummaryEntries(summary), new HashEntry("events", events)]);

    /// <summary>Replaces the summary unless Redis holds one that counted more records.</summary>
    public Task WriteSummaryAsync(RunSummary summary) =>
        ReplaceIfNotOlderAsync(_redis.Keys.Summary, "records", ResultVersions.Of(summary), [.. ResultHashes.SummaryEntries(summary), new HashEntry("records", ResultVersions.Of(summary))]);

    private Task ReplaceIfNotOlderAsync(string key, string versionField, long version, HashEntry[] entries)
    {
        var args = new RedisValue[2 + entries.Length * 2];
        args[0] = versionField;
        args[1] = version;
        for (var i = 0; i < entries.Length; i++)
        {
            args[2 + 2 * i] = entries[i].Name;
            args[3 + 2 * i] = entries[i].Value;
        }
        return _redis.Db.ScriptEvaluateAsync(ReplaceHashIfNotOlder, [key], args);
    }

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
}
