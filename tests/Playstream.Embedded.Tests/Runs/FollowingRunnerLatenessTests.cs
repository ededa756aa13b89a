using Microsoft.Data.Sqlite;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Embedded.Checkpoints;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

/// <summary><c>run --follow --allowed-lateness</c> over a stream of several days, fed a day at a time and resumed once.</summary>
public sealed class FollowingRunnerLatenessTests
{
    private const int Days = 4;
    private static readonly TimeSpan Lateness = TimeSpan.FromHours(2);

    /// <summary>
    /// Plays about every 3 minutes over <see cref="Days"/> days, most a little out of order (up to
    /// an hour behind), now and then three of one (customer, track) within minutes, and every 40th
    /// five hours behind: later than allowed.
    /// </summary>
    private static List<string> Stream()
    {
        var random = new Random(42);
        var lines = new List<string>();
        var steps = Days * 86400 / 180;
        for (var i = 0; i < steps; i++)
        {
            var now = FollowTestData.Start + i * 180L;
            var customer = random.Next(0, 25);
            var track = random.Next(0, 13);
            if (i % 40 == 39)
                lines.Add(FollowTestData.Line(lines.Count, customer, track, now - 5 * 3600, false));
            else if (i % 25 == 0)
                for (var r = 0; r < 3; r++)
                    lines.Add(FollowTestData.Line(lines.Count, customer, track, now + r * 240, r == 1));
            else
                lines.Add(FollowTestData.Line(lines.Count, customer, track, now - random.Next(0, 3600), random.Next(0, 3) == 0));
        }
        return lines;
    }

    /// <summary>The 1-based numbers of the lines that are late: more than the lateness behind the latest play before them.</summary>
    private static HashSet<int> LateLines(List<string> lines)
    {
        var late = new HashSet<int>();
        long? latest = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var time = ReferenceLineParser.Parse(lines[i]).Play!.Time;
            if (latest is { } l && time < l - (long)Lateness.TotalSeconds)
                late.Add(i + 1);
            else
                latest = Math.Max(latest ?? time, time);
        }
        return late;
    }

    [Fact]
    public async Task Late_plays_are_dead_letters_the_results_keep_every_window_and_the_checkpoint_stays_a_few_hours_long()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var store = folder.File("store.db");
        var lines = Stream();
        var late = LateLines(lines);
        Assert.InRange(late.Count, 40, 200);
        var follow = new FollowOptions { AllowedLateness = Lateness };

        // A day at a time; stopped and resumed halfway, so the evicted state goes through a checkpoint.
        var perDay = lines.Count / Days + 1;
        var written = 0;
        FollowedRun? run = null;
        try
        {
            for (var day = 0; day < Days; day++)
            {
                var chunk = lines.Skip(written).Take(perDay).ToList();
                await File.AppendAllLinesAsync(log, chunk);
                written += chunk.Count;
                if (day == Days / 2)
                {
                    await run!.StopAsync();
                    run.Dispose();
                    run = null;
                }
                run ??= new FollowedRun(data.Options(store, log), follow);
                await run.WaitForEventsAsync(written - late.Count(l => l <= written));
            }
            await run!.StopAsync();
        }
        finally
        {
            run?.Dispose();
        }

        var onTime = lines.Where((_, i) => !late.Contains(i + 1)).ToList();
        var expected = data.Reference(onTime);
        expected = expected with
        {
            Summary = expected.Summary with { DeadLetters = late.Count, DeadLettersByReason = new Dictionary<string, long> { ["late"] = late.Count } },
        };
        using (var reader = new StoreReader(store))
        {
            ResultsAssert.Equal(expected, reader.ReadResults());
            var letters = reader.ReadDeadLetters(1000);
            Assert.All(letters, l => Assert.Equal("late", l.Reason.Name()));
            Assert.All(letters, l => Assert.Equal(log, l.Position.Source));
            Assert.Equal(late.Order(), letters.Select(l => (int)l.Position.Line).Order());
            Assert.Equal(onTime.Count, reader.CountPlays());
        }
        // Four days hold 1,152 five-minute panes (most with plays, see below); the state keeps
        // only those of the lateness and one window before the latest play.
        var saved = await new FileCheckpointStore(FileCheckpointStore.FolderBeside(store)).LoadAsync(FollowCheckpoint.Scope, FollowCheckpoint.Source);
        var state = FollowCheckpoint.From(saved!).RestoreAnalytics(AnalyticsSettings.Default);
        var footprint = state.Footprint;
        Assert.NotNull(state.Horizon);
        Assert.InRange(footprint.ActivityPanes, 1, (2 * 3600 + 30 * 60) / (5 * 60) + 1);
        Assert.InRange(footprint.BreakdownPanes, 1, (2 * 3600 + 30 * 60) / (5 * 60) + 1);
        Assert.InRange(footprint.TopTracksPanes, 1, (2 * 3600 + 30 * 3600) / 3600 + 1);
        // Interest times: each (customer, track) pair keeps its latest, beyond that only the last
        // lateness plus interest window's plays (about 60), not the stream's 1,900.
        Assert.InRange(footprint.StoredTimes, 1, footprint.Pairs + 80);
    }

    [Fact]
    public async Task Without_eviction_the_same_stream_keeps_every_pane()
    {
        // The bound above means something: the same plays without a lateness keep days of panes.
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var store = folder.File("store.db");
        var lines = Stream();
        await File.WriteAllLinesAsync(log, lines);
        using (var run = new FollowedRun(data.Options(store, log)))
        {
            await run.WaitForEventsAsync(lines.Count);
            await run.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        var saved = await new FileCheckpointStore(FileCheckpointStore.FolderBeside(store)).LoadAsync(FollowCheckpoint.Scope, FollowCheckpoint.Source);
        var state = FollowCheckpoint.From(saved!).RestoreAnalytics(AnalyticsSettings.Default);
        Assert.Null(state.Horizon);
        Assert.True(state.Footprint.ActivityPanes > 3 * 24 * 12, $"{state.Footprint.ActivityPanes} panes: more than three days of them");
    }
}
