using Playstream.TestSupport;
using Playstream.Core.Lookups;
using Playstream.Redis;
using StackExchange.Redis;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisLookupCacheTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisKeys Keys => new(_prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    private Task<(CustomerTable, TrackTable)> LoadFixturesAsync() => LoadAsync(Fixtures.Customers, Fixtures.Tracks);

    private async Task<(CustomerTable, TrackTable)> LoadAsync(string customersFile, string tracksFile)
    {
        var customers = CustomerReader.Read(customersFile).Table;
        var tracks = TrackReader.Read(tracksFile).Table;
        var loader = new RedisLookupLoader(redis.Connection, Keys);
        await loader.LoadCustomersAsync(customers);
        await loader.LoadTracksAsync(tracks);
        return (customers, tracks);
    }

    // Batches smaller than the tables, so the reads span several.
    [Fact]
    public Task Reads_back_tables_identical_to_the_fixture_files() => ReadsBackTablesIdenticalToAsync(Fixtures.Customers, Fixtures.Tracks, batchSize: 2);

    [SeedDataFact]
    public Task Reads_back_tables_identical_to_the_seed_files() => ReadsBackTablesIdenticalToAsync(SeedFiles.Customers, SeedFiles.Tracks, batchSize: 400);

    private async Task ReadsBackTablesIdenticalToAsync(string customersFile, string tracksFile, int batchSize)
    {
        var (customers, tracks) = await LoadAsync(customersFile, tracksFile);
        var cache = new RedisLookupCache(redis.Connection, Keys, LookupTables.Empty(), batchSize: batchSize);

        var read = await cache.ReadAsync();

        Assert.Equal(customers.Count, read.Customers.Count);
        Assert.Equal(tracks.Count, read.Tracks.Count);
        foreach (var c in customers.All())
            Assert.Equal(c, read.Customers.Get(c.Id));
        foreach (var t in tracks.All())
            Assert.Equal(t, read.Tracks.Get(t.Id));
        Assert.Equal(customers.GenderSlot(1), read.Customers.GenderSlot(1));
    }

    [Fact]
    public async Task Refresh_swaps_in_new_tables_only_when_the_version_changed()
    {
        await LoadFixturesAsync();
        var target = LookupTables.Empty();
        var cache = new RedisLookupCache(redis.Connection, Keys, target);

        Assert.True(await cache.RefreshAsync());
        Assert.Equal(2, cache.Version);
        var first = target.Customers;
        Assert.Equal(Fixtures.CustomerRows.Count, first.Count);

        Assert.False(await cache.RefreshAsync());
        Assert.Same(first, target.Customers);

        await redis.Db.StringIncrementAsync(Keys.LookupsVersion);
        Assert.True(await cache.RefreshAsync());
        Assert.NotSame(first, target.Customers);
        Assert.Equal(3, cache.Version);
    }

    [Fact]
    public async Task A_Redis_that_lost_its_data_leaves_the_tables_in_place_said_once_until_the_next_load()
    {
        var (customers, tracks) = await LoadFixturesAsync();
        var target = LookupTables.Empty();
        var cache = new RedisLookupCache(redis.Connection, Keys, target);
        var reports = new List<string>();
        cache.Report += (_, message) => reports.Add(message);
        Assert.True(await cache.RefreshAsync());
        var held = target.Customers;

        // What a restart without persistence leaves: none of the keys.
        await redis.DeletePrefixAsync(_prefix);
        Assert.False(await cache.RefreshAsync());
        Assert.False(await cache.RefreshAsync());
        Assert.Same(held, target.Customers);
        Assert.Equal(Fixtures.TrackRows.Count, target.Tracks.Count);
        Assert.Equal(2, cache.Version);
        Assert.Single(reports, r => r.Contains("holds no lookups", StringComparison.Ordinal));

        // Loading again counts from 1 and reaches the version held, 2: it is read all the same.
        var changed = new CustomerTable();
        foreach (var c in customers.All())
            changed.Set(c.Id == 3 ? c with { Name = "Renamed Three" } : c);
        var loader = new RedisLookupLoader(redis.Connection, Keys);
        await loader.LoadCustomersAsync(changed);
        await loader.LoadTracksAsync(tracks);
        Assert.True(await cache.RefreshAsync());
        Assert.Equal(2, cache.Version);
        Assert.Equal("Renamed Three", target.Customers.Get(3)?.Name);
        Assert.False(await cache.RefreshAsync());
    }

    [Fact]
    public async Task The_loop_picks_up_a_new_load_after_the_version_bump()
    {
        var (customers, _) = await LoadFixturesAsync();
        var target = LookupTables.Empty();
        var cache = new RedisLookupCache(redis.Connection, Keys, target, refreshInterval: TimeSpan.FromMilliseconds(200));
        var versions = new List<long>();
        var reachedFour = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Refreshed += (_, version) =>
        {
            lock (versions)
                versions.Add(version);
            if (version >= 3)
                reachedFour.TrySetResult();
        };
        using var stop = new CancellationTokenSource();
        var loop = cache.RunAsync(stop.Token);

        // Customer 3 renamed, customer 4 gone: a load bumps the version to 3.
        var changed = new CustomerTable();
        foreach (var c in customers.All().Where(c => c.Id != 4))
            changed.Set(c.Id == 3 ? c with { Name = "Renamed Three" } : c);
        await new RedisLookupLoader(redis.Connection, Keys).LoadCustomersAsync(changed);

        await reachedFour.Task.WaitAsync(Patience);
        stop.Cancel();
        await loop.WaitAsync(Patience);

        Assert.Equal("Renamed Three", target.Customers.Get(3)?.Name);
        Assert.Null(target.Customers.Get(4));
        Assert.Equal(Fixtures.TrackRows.Count, target.Tracks.Count);
        lock (versions)
            Assert.Equal(3, versions[^1]);
    }

    [Fact]
    public async Task With_Redis_unreachable_the_loop_keeps_its_tables_reports_and_does_not_throw()
    {
        // Port 1 on this host: nothing listens, so every refresh fails.
        var options = new RedisOptions { Endpoint = "127.0.0.1:1", ConnectTimeout = TimeSpan.FromMilliseconds(300) };
        await using var down = await RedisConnection.ConnectAsync(options);
        var tables = LookupTables.Empty();
        var known = new CustomerTable();
        known.Set(new Customer(1, "Kept", "0", "", "", "", "1", "0", "0", "0", null));
        tables.Customers = known;
        var cache = new RedisLookupCache(down, Keys, tables, refreshInterval: TimeSpan.FromMilliseconds(100));
        var reported = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cache.Report += (_, message) => reported.TrySetResult(message);
        using var stop = new CancellationTokenSource();

        var loop = cache.RunAsync(stop.Token);
        var message = await reported.Task.WaitAsync(Patience);
        stop.Cancel();
        await loop.WaitAsync(Patience);

        Assert.Contains("cannot refresh lookups", message);
        Assert.Same(known, tables.Customers);
        Assert.True(loop.IsCompletedSuccessfully);
    }
}
