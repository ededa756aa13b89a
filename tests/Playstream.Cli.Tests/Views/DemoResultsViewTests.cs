using Playstream.Cli.Views;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Results;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Views;

[Collection(ConsoleCollection.Name)]
public sealed class DemoResultsViewTests
{
    private const long Day = 1_412_121_600; // 2014-10-01 00:00 UTC

    [Fact]
    public void The_latest_whole_top_tracks_window_the_busiest_windows_and_the_shares_are_shown()
    {
        using var folder = new TempFolder();
        var store = folder.File("store.db");
        using (var s = EmbeddedStore.CreateFresh(store, out _))
        {
            var lookups = LookupTables.Empty();
            lookups.Tracks.Set(new Track(7, "Hold On", "Band [live]", 200));
            s.WriteLookups(lookups);
        }
        var settings = AnalyticsSettings.Default;
        // Windows start every hour; the last one starting at Day + 40h holds only the tail, the one the demo shows starts 29 h before.
        var shown = Day + 40 * 3600 + 3600 - 30 * 3600;
        var results = new AnalyticsResults(
            [new ActivityWindow(Day, Day + 1800, 9, 4, 3), new ActivityWindow(Day + 300, Day + 2100, 12, 5, 0), new ActivityWindow(Day + 600, Day + 2400, 1, 1, 1)],
            [
                new TopTracksWindow(shown, shown + 108_000, "1", [new TrackPlays(7, 5), new TrackPlays(8, 2)]),
                new TopTracksWindow(shown, shown + 108_000, "0", [new TrackPlays(8, 3)]),
                new TopTracksWindow(Day + 40 * 3600, Day + 70 * 3600, "0", [new TrackPlays(9, 1)]),
            ],
            [], new ProfileSummary(2, 0.25, 0.25, 0.25, 0.25, 0.5, 0.75), [new UniqueTracks("all", [7, 8, 9]), new UniqueTracks("mobile", [7])],
            [new Interest(1, 7, Day)], new RunSummary(22, 0, 0, 0, new Dictionary<string, long>()));
        var report = new EmbeddedRunReport(results, settings, 0, 0, 0, 0, 0, 1, [], null, store, null, default, default, default, TimeSpan.FromSeconds(1));

        // Words, not line breaks: a table's title wraps at the table's width.
        var text = string.Join(' ', RunSummaryViewTests.Rendered(() => DemoResultsView.Render(report)).Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains("top tracks by gender, 2014-10-01 11:00 to 2014-10-02 17:00 UTC (the last 30 hours of data)", text, StringComparison.Ordinal);
        Assert.Contains("Hold On - Band [live] (5)", text, StringComparison.Ordinal);
        Assert.Contains("track 8 (unknown) (3)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("track 9", text, StringComparison.Ordinal);
        // Busiest first: 12 plays, then 9 (with 33 % on mobile).
        Assert.True(text.IndexOf("2014-10-01 00:05 - 00:35", StringComparison.Ordinal) < text.IndexOf("2014-10-01 00:00 - 00:30", StringComparison.Ordinal));
        Assert.Contains("33%", text, StringComparison.Ordinal);
        Assert.Contains("when 2 listeners listen", text, StringComparison.Ordinal);
        Assert.Contains("unique tracks 3 played, 1 on mobile", text, StringComparison.Ordinal);
        Assert.Contains("interests 1 (customer, track) pairs", text, StringComparison.Ordinal);
    }
}
