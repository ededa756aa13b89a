using System.Globalization;
using Playstream.Core.Results;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>Reads back what <see cref="RedisResultsWriter"/> wrote, as the result records, in a stable order.</summary>
public sealed class RedisResultsReader(IConnectionMultiplexer redis, RedisKeys keys, int batchSize = CommandPipeline.DefaultBatchSize)
{
    private readonly RedisContext _redis = new(redis, keys, batchSize);

    /// <summary>Every interest, by customer then track. A track without a detected_at reads as 0.</summary>
    public async Task<IReadOnlyList<Interest>> ReadInterestsAsync(CancellationToken cancel = default)
    {
        var customers = await _redis.ReadIdsAsync(_redis.Keys.InterestCustomers).ConfigureAwait(false);
        var interests = new List<Interest>();
        await CommandPipeline.ForEachReplyAsync(
            customers, _redis.BatchSize,
            id => BothAsync(_redis.Db.SetMembersAsync(_redis.Keys.Interests(id)), _redis.Db.HashGetAllAsync(_redis.Keys.InterestDetectedAt(id))),
            (id, reply) =>
            {
                var times = reply.Second.ToDictionary(
                    e => (string)e.Name!,
                    e => long.TryParse((string?)e.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t) ? t : 0,
                    StringComparer.Ordinal);
                foreach (var track in reply.First)
                    if (int.TryParse((string?)track, NumberStyles.None, CultureInfo.InvariantCulture, out var trackId))
                        interests.Add(new Interest(id, trackId, times.GetValueOrDefault((string)track!)));
            },
            cancel).ConfigureAwait(false);
        return [.. interests.OrderBy(i => i.CustomerId).ThenBy(i => i.TrackId)];
    }

    /// <summary>The <c>all</c> and <c>mobile</c> sets, each ascending; a scope never written reads as empty.</summary>
    public async Task<IReadOnlyList<UniqueTracks>> ReadUniqueTracksAsync()
    {
        string[] scopes = ["all", "mobile"];
        var replies = scopes.Select(s => _redis.Db.SetMembersAsync(_redis.Keys.UniqueTracks(s))).ToArray();
        await Task.WhenAll(replies).ConfigureAwait(false);
        return [.. scopes.Select((s, i) => new UniqueTracks(s, [.. RedisContext.ParseIds(replies[i].Result).Order()]))];
    }

    /// <summary>The latest top list of each gender, by gender code.</summary>
    public async Task<IReadOnlyList<TopTracksWindow>> ReadTopTracksAsync()
    {
        var genders = (await _redis.Db.SetMembersAsync(_redis.Keys.TopTracksGenders).ConfigureAwait(false))
            .Select(g => (string)g!).Order(StringComparer.Ordinal).ToList();
        var replies = genders.Select(g => _redis.Db.HashGetAllAsync(_redis.Keys.TopTracks(g))).ToArray();
        await Task.WhenAll(replies).ConfigureAwait(false);
        return [.. replies.Select(r => ResultHashes.TopTracks(r.Result)).OfType<TopTracksWindow>()];
    }

    /// <summary>Every profile, by customer id.</summary>
    public async Task<IReadOnlyList<CustomerProfile>> ReadProfilesAsync(CancellationToken cancel = default)
    {
        var customers = await _redis.ReadIdsAsync(_redis.Keys.ProfileCustomers).ConfigureAwait(false);
        var profiles = new List<CustomerProfile>(customers.Count);
        await CommandPipeline.ForEachReplyAsync(
            customers, _redis.BatchSize, id => _redis.Db.HashGetAllAsync(_redis.Keys.Profile(id)),
            (id, entries) =>
            {
                if (ResultHashes.Profile(id, entries) is { } profile)
                    profiles.Add(profile);
            },
            cancel).ConfigureAwait(false);
        return [.. profiles.OrderBy(p => p.CustomerId)];
    }

    /// <summary>The profile summary, or null when none was written.</summary>
    public async Task<ProfileSummary?> ReadProfileSummaryAsync() =>
        ResultHashes.ProfileSummary(await _redis.Db.HashGetAllAsync(_redis.Keys.ProfileSummary).ConfigureAwait(false));

    /// <summary>The run summary, or null when none was written.</summary>
    public async Task<RunSummary?> ReadSummaryAsync() =>
        ResultHashes.Summary(await _redis.Db.HashGetAllAsync(_redis.Keys.Summary).ConfigureAwait(false));

    // Both commands are sent before either reply is awaited, so they share the round trip.
    private static async Task<(T1 First, T2 Second)> BothAsync<T1, T2>(Task<T1> first, Task<T2> second) =>
        (await first.ConfigureAwait(false), await second.ConfigureAwait(false));
}
