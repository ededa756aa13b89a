using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Store;

/// <summary>The result tables as a run with an evicted state writes them: final rows stay, interests keep their earliest detection.</summary>
public sealed class ResultsTableWriterTests
{
    private const long H = 1_412_164_800; // the horizon: 2014-10-01 12:00:00 UTC

    private static AnalyticsResults Results(IReadOnlyList<ActivityWindow> activity, IReadOnlyList<TopTracksWindow> top, IReadOnlyList<Interest> interests, long events) => new(
        activity, top, [new CustomerProfile(1, events, events, 0, 0, 0, 0, 1)], new ProfileSummary(1, 1, 0, 0, 0, 0, 1),
        [new UniqueTracks("all", [7]), new UniqueTracks("mobile", [])], interests,
        new RunSummary(events, 0, 0, 0, new Dictionary<string, long>()));

    private static Dictionary<string, string> Meta => new() { ["events"] = "0" };

    [Fact]
    public void Rows_of_final_windows_stay_and_the_rest_are_replaced()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            // Written while the state still held every window.
            store.WriteProgress(Results(
                [new ActivityWindow(H - 1800, H, 4, 2, 1), new ActivityWindow(H - 1500, H + 300, 5, 2, 1)],
                [new TopTracksWindow(H - 108000, H, "0", [new TrackPlays(7, 4)]), new TopTracksWindow(H - 104400, H + 3600, "0", [new TrackPlays(7, 5)])],
                [new Interest(1, 7, H - 600), new Interest(2, 7, H + 60)], 5),
                new BreakdownResults([new PanePlays(H - 1800, H - 1500, "gender", "0", 3), new PanePlays(H, H + 300, "gender", "0", 1)], [new ZipPlays("10001", 5)]),
                Meta);
            // Evicted up to H: the results leave out windows ending by H and an interest whose plays were dropped,
            // and see one interest later than it was (its earliest plays are gone).
            store.WriteProgress(Results(
                [new ActivityWindow(H - 1500, H + 300, 6, 3, 1), new ActivityWindow(H, H + 1800, 1, 1, 0)],
                [new TopTracksWindow(H - 104400, H + 3600, "0", [new TrackPlays(7, 6)])],
                [new Interest(2, 7, H + 900), new Interest(3, 7, H + 1000)], 6),
                new BreakdownResults([new PanePlays(H, H + 300, "gender", "0", 2)], [new ZipPlays("10001", 6)]),
                Meta, new FinalRowCutoffs(H, H - 25 * 60));
        }

        using var reader = new StoreReader(path);
        var results = reader.ReadResults();
        Assert.Equal(
            [new ActivityWindow(H - 1800, H, 4, 2, 1), new ActivityWindow(H - 1500, H + 300, 6, 3, 1), new ActivityWindow(H, H + 1800, 1, 1, 0)],
            results.Activity);
        Assert.Equal([(H, 4L), (H + 3600, 6L)], results.TopTracks.Select(w => (w.WindowEnd, w.Tracks[0].Plays)));
        Assert.Equal([new Interest(1, 7, H - 600), new Interest(2, 7, H + 60), new Interest(3, 7, H + 1000)], results.Interests);
        Assert.Equal(6, results.Summary.Events);
        Assert.Equal(6, Assert.Single(results.Profiles).Plays);
        var panes = reader.ReadBreakdowns();
        // The 11:30 pane is before 11:35, the first one the state keeps: final, it stays; the noon one is rewritten.
        Assert.Equal([(H - 1800, 3L), (H, 2L)], panes.Panes.Select(p => (p.PaneStart, p.Plays)));
        Assert.Equal(6, Assert.Single(panes.Zips).Plays);
    }

    [Fact]
    public void Without_final_rows_every_row_is_replaced()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            store.WriteProgress(Results([new ActivityWindow(H - 1800, H, 4, 2, 1)], [], [new Interest(1, 7, H - 600)], 4), BreakdownResults.Empty, Meta);
            store.WriteProgress(Results([new ActivityWindow(H, H + 1800, 1, 1, 0)], [], [new Interest(1, 7, H + 600)], 1), BreakdownResults.Empty, Meta);
        }
        using var reader = new StoreReader(path);
        var results = reader.ReadResults();
        Assert.Equal([new ActivityWindow(H, H + 1800, 1, 1, 0)], results.Activity);
        Assert.Equal([new Interest(1, 7, H + 600)], results.Interests);
    }
}
