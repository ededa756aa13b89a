using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Streaming;
using Playstream.Redis;
using Playstream.Redis.Streaming;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;
using Xunit;

namespace Playstream.IntegrationTests.Redis.Streaming;

/// <summary>
/// The streaming job's members (real runners) keeping their tasks in the real Redis, with the
/// topics in memory: members crash and stall past their session mid-stream, and the results are
/// the brute force's; the stalled member's commits are refused by Redis.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStreamingJobTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    [Fact]
    public async Task Members_crashing_and_stalling_over_redis_give_the_reference()
    {
        var (lines, genders, tracks, lookups) = Data(seed: 3, count: 6000);
        var topology = new TopologySettings { Topic = "plays", Partitions = 4, CompactionMinimumBytes = 8192 };
        var store = new RedisTaskStore(redis.Connection, new RedisKeys(_prefix), "g:plays", topology.Partitions);
        using var driver = new TopologyTestDriver(topology, lookups, seed: 3, store: store);
        var rarely = driver.Options with { FlushInterval = TimeSpan.FromHours(1) };
        driver.PipeUnkeyed(lines.Take(3000));
        var a = driver.Join("a", rarely);
        var b = driver.Join("b", rarely);
        for (var i = 0; i < 6; i++)
            await driver.StepAllAsync();
        driver.Crash(a);
        driver.PipeUnkeyed(lines.Skip(3000));
        for (var i = 0; i < 6; i++)
            await driver.StepAllAsync();
        driver.Stall(b);
        var c = driver.Join("c");
        for (var i = 0; i < 6; i++)
            await c.Runner.StepAsync(CancellationToken.None);
        // b comes back still believing it holds its partitions; once quiet it commits, and Redis refuses.
        for (var i = 0; i < 40 && !driver.Reports.Any(r => r.StartsWith("b: ", StringComparison.Ordinal) && r.Contains("taken it over", StringComparison.Ordinal)); i++)
        {
            await b.Runner.StepAsync(CancellationToken.None);
            await Task.Delay(20);
        }
        Assert.Contains(driver.Reports, r => r.StartsWith("b: ", StringComparison.Ordinal) && r.Contains("another member has taken it over", StringComparison.Ordinal));
        driver.Wake(b);
        await driver.RunUntilIdleAsync();
        ResultsAssert.Equal(BruteForceReference.Compute(lines, genders, tracks), driver.Results.Results());
        Assert.Equal(driver.Results.SummaryEvents.Order(), driver.Results.SummaryEvents);
    }

    private static (List<string> Lines, Dictionary<int, string> Genders, HashSet<int> Tracks, LookupTables Lookups) Data(int seed, int count)
    {
        var random = new Random(seed);
        var genders = Enumerable.Range(0, 200).ToDictionary(c => c, c => c % 3 == 0 ? "1" : "0");
        var tracks = Enumerable.Range(0, 150).ToHashSet();
        var start = new DateTime(2014, 10, 1, 0, 0, 0, DateTimeKind.Utc);
        var lines = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if (random.Next(40) == 0)
            {
                lines.Add($"{i},oops");
                continue;
            }
            var customer = random.Next(230);
            var track = random.Next(12) == 0 ? random.Next(170) : (int)(150 * Math.Pow(random.NextDouble(), 3));
            var time = start.AddSeconds(random.Next(5 * 86400));
            lines.Add($"{i},{customer},{track},\"{time:yyyy-MM-dd HH:mm:ss}\",{random.Next(2)},\"{10000 + customer}\"");
        }
        var customers = new CustomerTable();
        foreach (var (id, gender) in genders)
            customers.Set(new Customer(id, $"c{id}", gender, "", "", "", "1", "1", "", "", "30"));
        var trackTable = new TrackTable();
        foreach (var id in tracks)
            trackTable.Set(new Track(id, $"t{id}", "a", 100));
        return (lines, genders, tracks, new LookupTables(customers, trackTable));
    }
}
