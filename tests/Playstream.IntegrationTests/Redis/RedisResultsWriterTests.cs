using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using Playstream.Redis;
using Playstream.TestSupport.Streaming;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisResultsWriterTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisKeys Keys => new(_prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    // A small hand-made result set: two customers, both genders and unknown, a dead letter reason.
    private static AnalyticsResults Sample() => new(
        Activity: [new ActivityWindow(0, 1800, 3, 2, 1)],
        TopTracks:
        [
            new TopTracksWindow(0, 108000, "0", [new TrackPlays(4, 2), new TrackPlays(1, 1)]),
            new TopTracksWindow(3600, 111600, "0", [new TrackPlays(9, 3)]),
            new TopTracksWindow(3600, 111600, "1", [new TrackPlays(2, 1)]),
            new TopTracksWindow(0, 108000, "unknown", [new TrackPlays(7, 1)]),
        ],
        Profiles: [new CustomerProfile(48, 4, 1, 1, 1, 1, 2, 3), new CustomerProfile(0, 1, 0, 0, 0, 1, 0, 1)],
        ProfileSummary: new ProfileSummary(2, 0.125, 0.125, 0.125, 0.625, 0.25, 0.875),
        UniqueTracks: [new UniqueTracks("all", [1, 2, 4, 7, 9]), new UniqueTracks("mobile", [4])],
        Interests: [new Interest(48, 453, 1414035980), new Interest(48, 12, 1414040000), new Interest(0, 7, 1414000000)],
        Summary: new RunSummary(9, 1, 2, 0, new Dictionary<string, long> { ["bad_ismobile"] = 1 }));

    [Fact]
    public async Task Written_results_read_back_as_the_same_records()
    {
        var results = Sample();
        await new RedisResultsWriter(redis.Connection, Keys).WriteAsync(ResultChangesOf.All(results), default);
        var reader = new RedisResultsReader(redis.Connection, Keys);

        Assert.Equal(
            [new Interest(0, 7, 1414000000), new Interest(48, 12, 1414040000), new Interest(48, 453, 1414035980)],
            await reader.ReadInterestsAsync());
        var unique = await reader.ReadUniqueTracksAsync();
        Assert.Equal([1, 2, 4, 7, 9], unique.Single(u => u.Scope == "all").TrackIds);
        Assert.Equal([4], unique.Single(u => u.Scope == "mobile").TrackIds);
        Assert.Equal([new CustomerProfile(0, 1, 0, 0, 0, 1, 0, 1), new CustomerProfile(48, 4, 1, 1, 1, 1, 2, 3)], await reader.ReadProfilesAsync());
        Assert.Equal(results.ProfileSummary, await reader.ReadProfileSummaryAsync());
        var summary = await reader.ReadSummaryAsync();
        Assert.NotNull(summary);
        Assert.Equal((9L, 1L, 2L, 0L), (summary.Events, summary.DeadLetters, summary.UnknownCustomers, summary.UnknownTracks));
        Assert.Equal(1, summary.DeadLettersByReason["bad_ismobile"]);

        // Only the latest window per gender is kept.
        var top = await reader.ReadTopTracksAsync();
        Assert.Equal(["0", "1", "unknown"], top.Select(t => t.Gender));
        Assert.Equal(3600, top[0].WindowStart);
        Assert.Equal(111600, top[0].WindowEnd);
        Assert.Equal([new TrackPlays(9, 3)], top[0].Tracks);
        Assert.Equal([new TrackPlays(7, 1)], top[2].Tracks);
    }

    [Fact]
    public async Task The_keys_are_the_documented_ones()
    {
        await new RedisResultsWriter(redis.Connection, Keys).WriteAsync(ResultChangesOf.All(Sample()), default);
        var members = (await redis.Db.SetMembersAsync($"{_prefix}interests:48")).Select(v => (int)v).Order();
        Assert.Equal([12, 453], members);
        Assert.Equal(5, await redis.Db.SetLengthAsync($"{_prefix}unique_tracks:all"));
        Assert.Equal("4", (string?)await redis.Db.HashGetAsync($"{_prefix}profile:48", "plays"));
        Assert.Equal("3600", (string?)await redis.Db.HashGetAsync($"{_prefix}top_tracks:0", "window_start"));
        Assert.Equal("2", (string?)await redis.Db.HashGetAsync($"{_prefix}profile_summary", "customers"));
        Assert.Equal("9", (string?)await redis.Db.HashGetAsync($"{_prefix}summary", "events"));
    }

    [Fact]
    public async Task Writing_the_same_results_again_changes_nothing()
    {
        var writer = new RedisResultsWriter(redis.Connection, Keys);
        var reader = new RedisResultsReader(redis.Connection, Keys);
        await writer.WriteAsync(ResultChangesOf.All(Sample()), default);
        var interests = await reader.ReadInterestsAsync();
        var profiles = await reader.ReadProfilesAsync();

        await writer.WriteAsync(ResultChangesOf.All(Sample()), default);

        Assert.Equal(interests, await reader.ReadInterestsAsync());
        Assert.Equal(profiles, await reader.ReadProfilesAsync());
        Assert.Equal("4", (string?)await redis.Db.HashGetAsync($"{_prefix}profile:48", "plays"));
    }

    [Fact]
    public async Task Interests_are_only_added_and_each_keeps_its_earliest_detection()
    {
        var writer = new RedisResultsWriter(redis.Connection, Keys);
        await writer.WriteInterestsAsync([new Interest(5, 1, 100), new Interest(5, 2, 200)]);
        // A later writer whose view lacks track 1, detects track 2 later and track 3 for the first time.
        await writer.WriteInterestsAsync([new Interest(5, 2, 250), new Interest(5, 3, 300)]);
        // Another that detects track 3 earlier.
        await writer.WriteInterestsAsync([new Interest(5, 3, 290)]);

        Assert.Equal([new Interest(5, 1, 100), new Interest(5, 2, 200), new Interest(5, 3, 290)],
            await new RedisResultsReader(redis.Connection, Keys).ReadInterestsAsync());
    }

    [Fact]
    public async Task An_older_top_window_never_replaces_a_later_one()
    {
        var writer = new RedisResultsWriter(redis.Connection, Keys);
        Assert.Equal(1, await writer.WriteTopTracksAsync([(new TopTracksWindow(7200, 115200, "1", [new TrackPlays(3, 5)]), 5)]));
        Assert.Equal(0, await writer.WriteTopTracksAsync([(new TopTracksWindow(3600, 111600, "1", [new TrackPlays(8, 9)]), 9)]));
        // The same window with fewer plays is an older view of it; with more, a newer one.
        Assert.Equal(0, await writer.WriteTopTracksAsync([(new TopTracksWindow(7200, 115200, "1", [new TrackPlays(4, 4)]), 4)]));
        var top = Assert.Single(await new RedisResultsReader(redis.Connection, Keys).ReadTopTracksAsync());
        Assert.Equal(7200, top.WindowStart);
        Assert.Equal([new TrackPlays(3, 5)], top.Tracks);
        Assert.Equal(1, await writer.WriteTopTracksAsync([(new TopTracksWindow(7200, 115200, "1", [new TrackPlays(4, 6)]), 7)]));
        Assert.Equal([new TrackPlays(4, 6)], Assert.Single(await new RedisResultsReader(redis.Connection, Keys).ReadTopTracksAsync()).Tracks);
    }

    [Fact]
    public async Task An_older_profile_or_summary_never_replaces_a_newer_one()
    {
        var writer = new RedisResultsWriter(redis.Connection, Keys);
        var reader = new RedisResultsReader(redis.Connection, Keys);
        await writer.WriteProfilesAsync([new CustomerProfile(5, 10, 1, 2, 3, 4, 5, 6)]);
        await writer.WriteProfilesAsync([new CustomerProfile(5, 9, 9, 0, 0, 0, 0, 1)]);
        Assert.Equal(new CustomerProfile(5, 10, 1, 2, 3, 4, 5, 6), Assert.Single(await reader.ReadProfilesAsync()));
        await writer.WriteProfilesAsync([new CustomerProfile(5, 11, 1, 2, 3, 5, 5, 6)]);
        Assert.Equal(11, Assert.Single(await reader.ReadProfilesAsync()).Plays);

        await writer.WriteSummaryAsync(new RunSummary(100, 3, 0, 0, new Dictionary<string, long> { ["field_count"] = 3 }));
        await writer.WriteSummaryAsync(new RunSummary(90, 3, 0, 0, new Dictionary<string, long> { ["field_count"] = 3 }));
        Assert.Equal(100, (await reader.ReadSummaryAsync())!.Events);
        await writer.WriteProfileSummaryAsync(new ProfileSummary(7, 0.5, 0, 0, 0.5, 0, 1), events: 100);
        await writer.WriteProfileSummaryAsync(new ProfileSummary(6, 0.25, 0, 0, 0.75, 0, 1), events: 90);
        Assert.Equal(7, (await reader.ReadProfileSummaryAsync())!.Customers);
    }

    [Fact]
    public async Task Unique_tracks_only_grow_whatever_order_views_land_in()
    {
        var writer = new RedisResultsWriter(redis.Connection, Keys);
        await writer.WriteUniqueTracksAsync([new UniqueTracks("mobile", [1, 2, 3])]);
        await writer.WriteUniqueTracksAsync([new UniqueTracks("mobile", [2, 5])]);
        var mobile = (await new RedisResultsReader(redis.Connection, Keys).ReadUniqueTracksAsync()).Single(u => u.Scope == "mobile");
        Assert.Equal([1, 2, 3, 5], mobile.TrackIds);
    }

    [Fact]
    public async Task Clear_removes_every_result_key()
    {
        var writer = new RedisResultsWriter(redis.Connection, Keys);
        await writer.WriteAsync(ResultChangesOf.All(Sample()), default);
        await writer.ClearAsync();

        var reader = new RedisResultsReader(redis.Connection, Keys);
        Assert.Empty(await reader.ReadInterestsAsync());
        Assert.Empty(await reader.ReadProfilesAsync());
        Assert.Empty(await reader.ReadTopTracksAsync());
        Assert.Null(await reader.ReadSummaryAsync());
        Assert.False(await redis.Db.KeyExistsAsync($"{_prefix}interests:48"));
        Assert.False(await redis.Db.KeyExistsAsync($"{_prefix}top_tracks:unknown"));
    }
}
