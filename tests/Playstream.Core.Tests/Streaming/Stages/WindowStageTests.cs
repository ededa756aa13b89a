using System.Globalization;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Partials;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Stages;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Streaming.Stages;

/// <summary>
/// The owners' merge on its own: partials made here by hand from random plays, as three tasks
/// would send them over two flushes each, merged by the window stage of every owner; the
/// results the owners take together are the brute force's.
/// </summary>
public sealed class WindowStageTests
{
    private const int Owners = 3;
    private const int Tasks = 3;
    private static readonly AnalyticsSettings Settings = StreamingLogs.Small;
    private static readonly Dictionary<int, string> Genders = Enumerable.Range(0, 24).ToDictionary(c => c, c => c % 3 == 0 ? "F" : c % 3 == 1 ? "M" : "");
    private static readonly HashSet<int> KnownTracks = [.. Enumerable.Range(0, 12)];

    private sealed record Play(int Customer, int Track, long Time, bool Mobile);

    private static List<Play> RandomPlays(int seed, int count)
    {
        var random = new Random(seed);
        var start = Utc.Seconds("2014-10-20 18:00:00");
        // Customers 24 to 29 are not in the table; tracks 12 to 14 are not either.
        return [.. Enumerable.Range(0, count).Select(_ => new Play(random.Next(30), random.Next(15), start + random.Next(3 * 86_400), random.Next(3) == 0))];
    }

    private static string Line(Play p, int id) =>
        string.Create(CultureInfo.InvariantCulture, $"{id},{p.Customer},{p.Track},\"{Utc.Text(p.Time)}\",{(p.Mobile ? 1 : 0)},\"1\"");

    private static AnalyticsResults Reference(List<Play> plays) =>
        BruteForceReference.Compute(plays.Select(Line), Genders, KnownTracks, new ReferenceSettings(Settings.ActivityWindowSeconds, Settings.ActivitySlideSeconds,
            Settings.TopTracksWindowSeconds, Settings.TopTracksSlideSeconds, Settings.TopN, Settings.InterestPlays, Settings.InterestWithinSeconds));

    /// <summary>What one task holds between flushes, to tell new listeners and new tracks from those it sent before.</summary>
    private sealed class TaskMemory
    {
        public HashSet<(int Customer, long Window)> Listeners { get; } = [];
        public HashSet<int> Tracks { get; } = [];
        public HashSet<int> MobileTracks { get; } = [];
        public List<Play> Plays { get; } = [];
    }

    /// <summary>A task's flush as a partial, counted play by play with plain sets and sums.</summary>
    private static WindowPartial PartialOf(IEnumerable<Play> flush, TaskMemory task, bool last)
    {
        var partial = new WindowPartial();
        var slide = Settings.ActivitySlideSeconds;
        var perWindow = Settings.ActivityWindowSeconds / slide;
        foreach (var play in flush)
        {
            task.Plays.Add(play);
            var pane = Math.DivRem(play.Time, slide).Quotient;
            partial.Activity.AddPane(pane, 1, play.Mobile ? 1 : 0);
            for (var first = pane - perWindow + 1; first <= pane; first++)
                if (task.Listeners.Add((play.Customer, first)))
                    partial.Activity.AddListeners(first, 1);
            var gender = Genders.TryGetValue(play.Customer, out var code) ? GenderCodes.Slot(code) : GenderCodes.UnknownSlot;
            partial.Tracks.Add(new WindowPartial.TrackCount(play.Time / Settings.TopTracksSlideSeconds, gender, play.Track, 1));
            if (task.Tracks.Add(play.Track))
                partial.NewTracks.Add(play.Track);
            if (play.Mobile && task.MobileTracks.Add(play.Track))
                partial.NewMobileTracks.Add(play.Track);
            partial.Counters.CountEvent(Genders.ContainsKey(play.Customer), KnownTracks.Contains(play.Track));
            partial.Counters.ObserveTime(play.Time);
        }
        if (last)
            foreach (var customer in task.Plays.GroupBy(p => p.Customer))
            {
                var hours = customer.Select(p => DateTimeOffset.FromUnixTimeSeconds(p.Time).UtcDateTime.Hour).ToList();
                long[] counts = [customer.Count(), hours.Count(h => h is >= 5 and <= 11), hours.Count(h => h is >= 12 and <= 16),
                    hours.Count(h => h is >= 17 and <= 21), hours.Count(h => h is < 5 or > 21), customer.Count(p => p.Mobile)];
                partial.ProfileSums.Add(counts, customer.Select(p => p.Track).Distinct().Count(), 1);
            }
        return partial;
    }

    /// <summary>Every task's partials split by owner, each owner's in commit order (flush by flush, task by task).</summary>
    private static Dictionary<int, List<PartialEntry>> Partials(List<Play> plays, WindowOwners owners)
    {
        var entries = Enumerable.Range(0, Owners).ToDictionary(o => o, _ => new List<PartialEntry>());
        var tasks = Enumerable.Range(0, Tasks).Select(_ => new TaskMemory()).ToArray();
        var sequence = 0;
        for (var flush = 0; flush < 2; flush++)
            for (var t = 0; t < Tasks; t++)
            {
                // A task holds the customers of its partition; its plays come in two flushes.
                var mine = plays.Where(p => p.Customer % Tasks == t).ToList();
                var part = flush == 0 ? mine.Take(mine.Count / 2) : mine.Skip(mine.Count / 2);
                foreach (var (owner, partial) in PartialOf(part, tasks[t], last: flush == 1).SplitByOwner(owners, Settings))
                    entries[owner].Add(new PartialEntry(owner, $"1-{++sequence}", partial.ToBytes()));
            }
        return entries;
    }

    private static (WindowStage[] Stages, Dictionary<int, List<PartialEntry>> Entries) Merged(List<Play> plays)
    {
        var owners = new WindowOwners(Settings, Owners);
        var entries = Partials(plays, owners);
        var stages = Enumerable.Range(0, Owners).Select(o => new WindowStage(o, Settings, owners)).ToArray();
        foreach (var (owner, list) in entries)
            list.ForEach(stages[owner].Merge);
        return (stages, entries);
    }

    /// <summary>The owners' results together, with the brute force's for what a window stage does not compute.</summary>
    private static AnalyticsResults Together(IReadOnlyList<ResultChanges> changes, AnalyticsResults reference)
    {
        var global = changes[WindowOwners.GlobalOwner];
        return new AnalyticsResults(
            [.. changes.SelectMany(c => c.Activity).OrderBy(w => w.WindowStart)],
            [.. changes.SelectMany(c => c.TopTracks).Select(t => t.Window).OrderBy(w => w.WindowStart).ThenBy(w => w.Gender, StringComparer.Ordinal)],
            reference.Profiles,
            global.ProfileSummary!,
            global.UniqueTracks!,
            reference.Interests,
            global.Summary!);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Partials_merged_by_their_owners_give_the_brute_forces_results(int seed)
    {
        var plays = RandomPlays(seed, 1500);
        var reference = Reference(plays);
        var (stages, entries) = Merged(plays);

        var changes = stages.Select(s => s.TakeResults()).ToList();

        ResultsAssert.Equal(reference, Together(changes, reference));
        // Each owner computes only the windows of its days, and only partition 0 the results without a time.
        Assert.All(Enumerable.Range(1, Owners - 1), o => Assert.Null(changes[o].Summary));
        Assert.All(Enumerable.Range(0, Owners), o => Assert.True(changes[o].Activity.Count > 0, $"owner {o} has activity windows"));
        Assert.All(Enumerable.Range(0, Owners), o => Assert.Equal(entries[o].Count, stages[o].Partials));
    }

    [Fact]
    public void The_cursor_is_the_id_of_the_last_partial_merged()
    {
        var owners = new WindowOwners(Settings, 1);
        var stage = new WindowStage(0, Settings, owners);
        Assert.Equal(WindowStage.Start, stage.Cursor);
        Assert.Equal("0-0", WindowStage.Start);
        var bytes = new WindowPartial().ToBytes();

        stage.Merge(new PartialEntry(0, "1700000000000-3", bytes));
        stage.Merge(new PartialEntry(0, "1700000000005-0", bytes));

        Assert.Equal("1700000000005-0", stage.Cursor);
        Assert.Equal(2, stage.Partials);
    }

    [Fact]
    public void Results_are_taken_once_and_again_only_after_a_failed_write()
    {
        var (stages, _) = Merged(RandomPlays(3, 600));
        var stage = stages[WindowOwners.GlobalOwner];
        Assert.True(stage.HasPendingResults);

        var first = stage.TakeResults();
        Assert.NotEmpty(first.Activity);
        Assert.NotNull(first.Summary);
        Assert.True(stage.HasPendingResults); // being written

        var again = stage.TakeResults();
        Assert.True(again.IsEmpty, $"{again.Count} results taken a second time");

        stage.ResultsFailed();
        var retaken = stage.TakeResults();
        Assert.Equal(first.Activity, retaken.Activity);
        Assert.Equal(first.TopTracks.Select(t => (t.Window.WindowStart, t.Window.Gender, t.Plays)), retaken.TopTracks.Select(t => (t.Window.WindowStart, t.Window.Gender, t.Plays)));
        Assert.Equal(first.Summary!.Events, retaken.Summary!.Events);

        stage.ResultsWritten();
        Assert.False(stage.HasPendingResults);
        Assert.True(stage.TakeResults().IsEmpty);
    }

    [Fact]
    public void A_new_partial_brings_back_only_the_windows_holding_its_plays()
    {
        var owners = new WindowOwners(Settings, 1);
        var stage = new WindowStage(0, Settings, owners);
        var plays = RandomPlays(4, 400);
        foreach (var list in Partials(plays, new WindowOwners(Settings, 1)).Values)
            list.ForEach(stage.Merge);
        stage.TakeResults();
        stage.ResultsWritten();

        var late = new Play(1, 2, Utc.Seconds("2014-10-21 10:07:00"), false);
        var partial = PartialOf([late], new TaskMemory(), last: false);
        stage.Merge(new PartialEntry(0, "2-0", partial.ToBytes()));
        var changes = stage.TakeResults();

        // 10:07 is in the 10:05 pane: the 15-minute windows starting 09:55, 10:00 and 10:05 hold it.
        Assert.Equal(["2014-10-21 09:55:00", "2014-10-21 10:00:00", "2014-10-21 10:05:00"], changes.Activity.Select(w => Utc.Text(w.WindowStart)));
        var reference = Reference([.. plays, late]);
        Assert.Equal(reference.Activity.Where(w => w.WindowStart <= late.Time && late.Time < w.WindowEnd), changes.Activity);
        // The 4-hour top-tracks windows every 30 minutes that hold the 10:00 pane start from 06:30 to 10:00: each with every gender's list.
        Assert.Equal(8, changes.TopTracks.Select(t => t.Window.WindowStart).Distinct().Count());
        Assert.Equal("2014-10-21 06:30:00", Utc.Text(changes.TopTracks.Min(t => t.Window.WindowStart)));
        var expectedTop = reference.TopTracks.Where(w => w.WindowStart <= late.Time && late.Time < w.WindowEnd).ToList();
        Assert.Equal(expectedTop.Select(w => (w.WindowStart, w.Gender, string.Join(' ', w.Tracks))),
            changes.TopTracks.Select(t => (t.Window.WindowStart, t.Window.Gender, string.Join(' ', t.Window.Tracks))));
    }

    [Fact]
    public void A_snapshot_restores_the_merged_state_the_cursor_and_the_results_not_yet_written()
    {
        var plays = RandomPlays(5, 800);
        var reference = Reference(plays);
        var (stages, _) = Merged(plays);
        var owners = new WindowOwners(Settings, Owners);

        var restored = stages.Select((stage, owner) =>
        {
            using var buffer = new MemoryStream();
            using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
                stage.WriteSnapshot(writer);
            buffer.Position = 0;
            using var reader = new BinaryReader(buffer);
            return WindowStage.ReadSnapshot(reader, owner, Settings, owners);
        }).ToList();

        Assert.Equal(stages.Select(s => s.Cursor), restored.Select(s => s.Cursor));
        ResultsAssert.Equal(reference, Together([.. restored.Select(s => s.TakeResults())], reference));
    }

    [Fact]
    public void A_horizon_drops_the_windows_ending_by_it_and_never_moves_back()
    {
        var plays = RandomPlays(6, 800);
        var stage = new WindowStage(0, Settings, new WindowOwners(Settings, 1));
        foreach (var list in Partials(plays, new WindowOwners(Settings, 1)).Values)
            list.ForEach(stage.Merge);
        var windows = Reference(plays).Activity;
        Assert.Equal(windows.Count, stage.ActivityWindows);
        var horizon = Utc.Seconds("2014-10-22 00:00:00");

        stage.AdvanceHorizon(horizon);
        stage.AdvanceHorizon(horizon - 3600);

        Assert.Equal(horizon, stage.Horizon);
        Assert.Equal(windows.Count(w => w.WindowEnd > horizon), stage.ActivityWindows);
        Assert.True(stage.ActivityWindows < windows.Count);
    }
}
