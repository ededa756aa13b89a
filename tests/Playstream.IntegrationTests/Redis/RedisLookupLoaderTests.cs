using Playstream.TestSupport;
using Playstream.Core.Lookups;
using Playstream.Redis;
using StackExchange.Redis;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisLookupLoaderTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisKeys Keys => new(_prefix);

    // The file's column for each field of the playstream layout.
    private static readonly (string Field, string Column)[] CustomerColumns =
    [
        ("name", "Name"), ("gender", "Gender"), ("address", "Address"), ("zip", "zip"), ("sign_date", "SignDate"),
        ("status", "Status"), ("level", "Level"), ("campaign", "Campaign"), ("linked_with_apps", "LinkedWithApps"),
    ];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    private RedisLookupLoader Loader() => new(redis.Connection, Keys, batchSize: 300);

    private static Dictionary<string, string> AsDictionary(HashEntry[] entries) =>
        entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    [Fact]
    public async Task Seed_customers_land_as_hashes_holding_the_files_values()
    {
        var report = await Loader().LoadCustomersAsync(CustomerReader.Read(SeedFiles.Customers).Table);

        var expected = SeedFiles.CustomerRows();
        Assert.Equal(5000, expected.Count);
        Assert.Equal(5000, report.Written);
        Assert.Equal(0, report.Removed);
        var ids = (await redis.Db.SetMembersAsync(Keys.CustomerIds)).Select(v => (int)v).Order();
        Assert.Equal(Enumerable.Range(0, 5000), ids);
        foreach (var (id, row) in expected)
        {
            var stored = AsDictionary(await redis.Db.HashGetAllAsync(Keys.Customer(id)));
            Assert.Equal(CustomerColumns.ToDictionary(c => c.Field, c => row[c.Column]), stored);
        }
    }

    [Fact]
    public async Task Seed_tracks_land_as_hashes_holding_the_files_values()
    {
        var report = await Loader().LoadTracksAsync(TrackReader.Read(SeedFiles.Tracks).Table);

        var expected = SeedFiles.TrackRows();
        Assert.Equal(1750, expected.Count);
        Assert.Equal(1750, report.Written);
        Assert.Equal(1750, await redis.Db.SetLengthAsync(Keys.TrackIds));
        foreach (var (id, (title, artist, length)) in expected)
        {
            var stored = AsDictionary(await redis.Db.HashGetAllAsync(Keys.Track(id)));
            Assert.Equal(new Dictionary<string, string> { ["title"] = title, ["artist"] = artist, ["length"] = length }, stored);
        }
        Assert.Equal("Crosby", (string?)await redis.Db.HashGetAsync(Keys.Track(326), "artist"));
    }

    [Fact]
    public async Task Each_load_bumps_the_version_by_one()
    {
        var table = CustomerReader.Read(SeedFiles.Customers).Table;
        var first = await Loader().LoadCustomersAsync(table);
        var second = await Loader().LoadTracksAsync(TrackReader.Read(SeedFiles.Tracks).Table);
        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(2, (long)await redis.Db.StringGetAsync(Keys.LookupsVersion));
    }

    [Fact]
    public async Task Loading_the_same_file_twice_leaves_the_same_keys_and_values()
    {
        var table = CustomerReader.Read(SeedFiles.Customers).Table;
        await Loader().LoadCustomersAsync(table);
        var before = AsDictionary(await redis.Db.HashGetAllAsync(Keys.Customer(4321)));
        var again = await Loader().LoadCustomersAsync(table);
        Assert.Equal(0, again.Removed);
        Assert.Equal(before, AsDictionary(await redis.Db.HashGetAllAsync(Keys.Customer(4321))));
        Assert.Equal(5000, await redis.Db.SetLengthAsync(Keys.CustomerIds));
    }

    [Fact]
    public async Task A_customer_gone_from_the_file_is_deleted_on_reload()
    {
        var full = CustomerReader.Read(SeedFiles.Customers).Table;
        await Loader().LoadCustomersAsync(full);
        Assert.True(await redis.Db.KeyExistsAsync(Keys.Customer(0)));

        var without = new CustomerTable();
        foreach (var c in full.All().Where(c => c.Id is not 0 and not 2500))
            without.Set(c);
        var report = await Loader().LoadCustomersAsync(without);

        Assert.Equal(4998, report.Written);
        Assert.Equal(2, report.Removed);
        Assert.False(await redis.Db.KeyExistsAsync(Keys.Customer(0)));
        Assert.False(await redis.Db.KeyExistsAsync(Keys.Customer(2500)));
        Assert.False(await redis.Db.SetContainsAsync(Keys.CustomerIds, 0));
        Assert.Equal(4998, await redis.Db.SetLengthAsync(Keys.CustomerIds));
        Assert.True(await redis.Db.KeyExistsAsync(Keys.Customer(1)));
    }

    [Fact]
    public async Task Age_is_stored_when_present_and_dropped_when_the_file_loses_it()
    {
        var withAge = new CustomerTable();
        withAge.Set(new Customer(7, "Ann Lee", "1", "1 Road", "12345", "01/02/2014", "1", "2", "0", "1", "29"));
        await Loader().LoadCustomersAsync(withAge);
        Assert.Equal("29", (string?)await redis.Db.HashGetAsync(Keys.Customer(7), "age"));

        var withoutAge = new CustomerTable();
        withoutAge.Set(new Customer(7, "Ann Lee", "1", "1 Road", "12345", "01/02/2014", "1", "2", "0", "1", null));
        await Loader().LoadCustomersAsync(withoutAge);
        Assert.False(await redis.Db.HashExistsAsync(Keys.Customer(7), "age"));
        Assert.Equal("Ann Lee", (string?)await redis.Db.HashGetAsync(Keys.Customer(7), "name"));
    }

    [Fact]
    public async Task Progress_reaches_the_total()
    {
        var seen = new List<LookupLoadProgress>();
        var progress = new SynchronousProgress(seen.Add);
        await Loader().LoadTracksAsync(TrackReader.Read(SeedFiles.Tracks).Table, progress);
        Assert.Equal(new LookupLoadProgress("tracks", 1750, 1750), seen[^1]);
        Assert.Equal(0, seen[0].Written);
    }

    private sealed class SynchronousProgress(Action<LookupLoadProgress> onReport) : IProgress<LookupLoadProgress>
    {
        public void Report(LookupLoadProgress value) => onReport(value);
    }
}
