using Playstream.Redis;

namespace Playstream.IntegrationTests.Redis;

/// <summary>The results reader against the real Redis, on keys written here by hand: what it makes of nothing, and of members it did not write.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisResultsReaderTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisKeys Keys => new(_prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    private RedisResultsReader Reader() => new(redis.Connection, Keys, batchSize: 2);

    [Fact]
    public async Task Nothing_written_reads_as_no_results()
    {
        var reader = Reader();

        Assert.Empty(await reader.ReadInterestsAsync());
        Assert.Empty(await reader.ReadProfilesAsync());
        Assert.Empty(await reader.ReadTopTracksAsync());
        Assert.Equal([("all", 0), ("mobile", 0)], (await reader.ReadUniqueTracksAsync()).Select(u => (u.Scope, u.Count)));
        Assert.Null(await reader.ReadProfileSummaryAsync());
        Assert.Null(await reader.ReadSummaryAsync());
    }

    [Fact]
    public async Task Interests_come_by_customer_and_track_skipping_members_that_are_not_ids()
    {
        var db = redis.Db;
        await db.SetAddAsync(Keys.InterestCustomers, ["9", "3", "someone"]);
        await db.SetAddAsync(Keys.Interests(9), ["5"]);
        await db.SetAddAsync(Keys.Interests(3), ["7", "2", "x"]);
        await db.HashSetAsync(Keys.InterestDetectedAt(3), [new("7", "1414033200"), new("2", "-60")]);
        await db.HashSetAsync(Keys.InterestDetectedAt(9), [new("5", "not a time")]);
        await db.SetAddAsync(Keys.UniqueTracks("all"), ["10", "2", "junk"]);

        var interests = await Reader().ReadInterestsAsync();

        Assert.Equal([(3, 2, -60L), (3, 7, 1_414_033_200L), (9, 5, 0L)], interests.Select(i => (i.CustomerId, i.TrackId, i.DetectedAt)));
        Assert.Equal([2, 10], (await Reader().ReadUniqueTracksAsync())[0].TrackIds);
    }
}
