using Playstream.Core.Lookups;
using Playstream.Core.Streaming;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming;

/// <summary>What a stored task holds, read from its claim, against counts made here from the lines it took.</summary>
public sealed class TaskFootprintTests
{
    private static readonly TopologySettings Topology = new() { Topic = "plays", Partitions = 1 };

    [Fact]
    public async Task A_stored_tasks_pairs_listeners_and_play_times_are_those_of_its_plays()
    {
        var random = new Random(5);
        var start = Utc.Seconds("2014-10-23 00:00:00");
        var plays = Enumerable.Range(0, 400).Select(i => (Customer: random.Next(20), Track: random.Next(15), Time: start + random.Next(20 * 3600))).ToList();
        using var driver = new TopologyTestDriver(Topology, LookupTables.Empty());
        foreach (var (p, i) in plays.Select((p, i) => (p, i)))
            driver.Pipe(0, $"{i},{p.Customer},{p.Track},\"{Utc.Text(p.Time)}\",0,\"1\"");
        driver.Join("a");
        await driver.RunUntilIdleAsync();

        var footprint = TaskFootprint.Of(await driver.Store.ClaimAsync(0, CancellationToken.None), Topology);

        Assert.Equal(plays.Select(p => (p.Customer, p.Track)).Distinct().Count(), footprint.Pairs);
        Assert.Equal(plays.Select(p => (p.Customer, Pane: p.Time / 300)).Distinct().Count(), footprint.ListenerPairs);
        // A pair keeps its times up to its detection (3 plays within 30 minutes), none after.
        var stored = plays.GroupBy(p => (p.Customer, p.Track)).Sum(g =>
        {
            var times = g.Select(p => p.Time).Order().ToArray();
            for (var i = 2; i < times.Length; i++)
                if (times[i] - times[i - 2] <= 1800)
                    return i + 1;
            return times.Length;
        });
        Assert.Equal(stored, footprint.StoredTimes);
        Assert.Null(footprint.CustomerHorizon);
    }

    [Fact]
    public async Task A_task_never_stored_holds_nothing()
    {
        var footprint = TaskFootprint.Of(await new InMemoryTaskStore().ClaimAsync(0, CancellationToken.None), Topology);
        Assert.Equal(new TaskFootprint(0, 0, 0, 0, 0, null, null), footprint);
    }
}
