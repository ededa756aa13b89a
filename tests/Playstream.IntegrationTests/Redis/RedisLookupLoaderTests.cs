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
    public Task Fixture_customers_land_as_hashes_holding_the_files_values() =>
        CustomersLandAsHashesAsync(Fixtures.Customers, Fixtures.CustomerRows.ToDictionary(c => c.Id, c => new Dictionary<string, string>
        {
            ["name"] = c.Name, ["gender"] = c.Gender, ["address"] = c.Address, ["zip"] = c.Zip, ["sign_date"] = c.SignDate,
            ["status"] = c.Status, ["level"] = c.Level, ["campaign"] = c.Campaign, ["linked_with_apps"] = c.LinkedWithApps,
        }));

    [SeedDataFact]
    public Task Seed_customers_land_as_hashes_holding_the_files_values() =>
        CustomersLandAsHashesAsync(SeedFiles.Customers,
            SeedFiles.CustomerRows().ToDictionary(r => r.Key, r => CustomerColumns.ToDictionary(c => c.Field, c => r.Value[c.Column])));

    private async Task CustomersLandAsHashesAsync(string file, Dictionary<int, Dictionary<string, string>> expected)
    {
        var report = await Loader().LoadCustomersAsync(CustomerReader.Read(file).Table);

        Assert.Equal(expected.Count, report.Written);
        Assert.Equal(0, report.Removed);
        var ids = (await redis.Db.SetMembersAsync(Keys.CustomerIds)).Select(v => (int)v).Order();
        Assert.Equal(expected.Keys.Order(), ids);
        Assert.Contains(0, expected.Keys);
        foreach (var (id, hash) in expected)
            Assert.Equal(hash, AsDictionary(await redis.Db.HashGetAllAsync(Keys.Customer(id))));
    }

    [Fact]
    public Task Fixture_tracks_land_as_hashes_holding_the_files_values() =>
        TracksLandAsHashesAsync(Fixtures.Tracks, Fixtures.TrackRows.ToDictionary(
            t => t.Id, t => (t.Title, t.Artist, t.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    [SeedDataFact]
    public Task Seed_tracks_land_as_hashes_holding_the_files_values() =>
        TracksLandAsHashesAsync(SeedFiles.Tracks, SeedFiles.TrackRows());

    private async Task TracksLandAsHashesAsync(string file, Dictionary<int, (string Title, string Artist, string Length)> expected)
    {
        var report = await Loader().LoadTracksAsync(TrackReader.Read(file).Table);

        Assert.Equal(expected.Count, report.Written);
        Assert.Equal(expected.Count, await redis.Db.SetLengthAsync(Keys.TrackIds));
        foreach (var (id, (title, artist, length)) in expected)
        {
            var stored = AsDictionary(await redis.Db.HashGetAllAsync(Keys.Track(id)));
            Assert.Equal(new Dictionary<string, string> { ["title"] = title, ["artist"] = artist, ["length"] = length }, stored);
        }
        // The broken line 326,Helplessly Hoping,"Crosby,195 of both files.
        Assert.Equal("Crosby", (string?)await redis.Db.HashGetAsync(Keys.Track(326), "artist"));
    }

    [Fact]
    public async Task Each_load_bumps_the_version_by_one()
    {
        var table = CustomerReader.Read(Fixtures.Customers).Table;
        var first = await Loader().LoadCustomersAsync(table);
        var second = await Loader().LoadTracksAsync(TrackReader.Read(Fixtures.Tracks).Table);
        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal(2, (long)await redis.Db.StringGetAsync(Keys.LookupsVersion));
    }

    [Fact]
    public async Task Loading_the_same_file_twice_leaves_the_same_keys_and_values()
    {
        var table = CustomerReader.Read(Fixtures.Customers).Table;
        await Loader().LoadCustomersAsync(table);
        var before = AsDictionary(await redis.Db.HashGetAllAsync(Keys.Customer(3)));
        var again = await Loader().LoadCustomersAsync(table);
        Assert.Equal(0, again.Removed);
        Assert.Equal("O'Brien, \"Pat\"", before["name"]);
        Assert.Equal(before, AsDictionary(await redis.Db.HashGetAllAsync(Keys.Customer(3))));
        Assert.Equal(Fixtures.CustomerRows.Count, await redis.Db.SetLengthAsync(Keys.CustomerIds));
    }

    [Fact]
    public async Task A_customer_gone_from_the_file_is_deleted_on_reload()
    {
        var full = CustomerReader.Read(Fixtures.Customers).Table;
        await Loader().LoadCustomersAsync(full);
        Assert.True(await redis.Db.KeyExistsAsync(Keys.Customer(0)));

        var without = new CustomerTable();
        foreach (var c in full.All().Where(c => c.Id is not 0 and not 2))
            without.Set(c);
        var report = await Loader().LoadCustomersAsync(without);

        Assert.Equal(full.Count - 2, report.Written);
        Assert.Equal(2, report.Removed);
        Assert.False(await redis.Db.KeyExistsAsync(Keys.Customer(0)));
        Assert.False(await redis.Db.KeyExistsAsync(Keys.Customer(2)));
        Assert.False(await redis.Db.SetContainsAsync(Keys.CustomerIds, 0));
        Assert.Equal(full.Count - 2, await redis.Db.SetLengthAsync(Keys.CustomerIds));
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
        // Batches of 3 over the fixture's 7 tracks: 3, 6, 7.
        await new RedisLookupLoader(redis.Connection, Keys, batchSize: 3).LoadTracksAsync(TrackReader.Read(Fixtures.Tracks).Table, progress);
        Assert.Equal([0, 3, 6, 7], seen.Select(p => p.Written));
        Assert.All(seen, p => Assert.Equal(("tracks", 7), (p.Kind, p.Total)));
    }

    private sealed class SynchronousProgress(Action<LookupLoadProgress> onReport) : IProgress<LookupLoadProgress>
    {
        public void Report(LookupLoadProgress value) => onReport(value);
    }
}
