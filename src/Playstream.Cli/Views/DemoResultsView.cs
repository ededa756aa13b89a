using System.Globalization;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Results;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Spectre.Console;

namespace Playstream.Cli.Views;

/// <summary>What <c>demo</c> shows in the terminal: the questions the original system was built to answer.</summary>
internal static class DemoResultsView
{
    public static void Render(EmbeddedRunReport report)
    {
        var results = report.Results;
        LookupTables lookups;
        using (var reader = new StoreReader(report.StorePath))
            lookups = reader.ReadLookups();

        RenderTopTracks(results, report.Settings, lookups);
        RenderBusiestWindows(results);
        RenderTimeOfDay(results);
        var all = results.UniqueTracks.FirstOrDefault(u => u.Scope == "all")?.Count ?? 0;
        var mobile = results.UniqueTracks.FirstOrDefault(u => u.Scope == "mobile")?.Count ?? 0;
        AnsiConsole.MarkupLine($"[bold]unique tracks[/] {all:N0} played, {mobile:N0} on mobile    [bold]interests[/] {results.Interests.Count:N0} (customer, track) pairs played 3 times within 30 minutes");
    }

    /// <summary>
    /// The window that ends at the first slide boundary after the latest play: "the last 30
    /// hours of data". Later windows exist but hold only the tail of the data.
    /// </summary>
    private static void RenderTopTracks(AnalyticsResults results, AnalyticsSettings settings, LookupTables lookups)
    {
        if (results.TopTracks.Count == 0)
            return;
        var latest = results.TopTracks.Max(w => w.WindowStart) + settings.TopTracksSlideSeconds - settings.TopTracksWindowSeconds;
        var windows = results.TopTracks.Where(w => w.WindowStart == latest).OrderBy(w => w.Gender, StringComparer.Ordinal).ToList();
        if (windows.Count == 0)
            return;
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"top tracks by gender, {Time(latest)} to {Time(windows[0].WindowEnd)} UTC (the last {settings.TopTracksWindowSeconds / 3600} hours of data)");
        table.AddColumn("#");
        foreach (var w in windows)
            table.AddColumn($"gender {Markup.Escape(w.Gender)}");
        var rows = windows.Max(w => w.Tracks.Count);
        for (var i = 0; i < rows; i++)
        {
            var cells = new List<string> { (i + 1).ToString(CultureInfo.InvariantCulture) };
            foreach (var w in windows)
                cells.Add(i < w.Tracks.Count ? Describe(w.Tracks[i], lookups) : "");
            table.AddRow(cells.ToArray());
        }
        AnsiConsole.Write(table);
    }

    private static string Describe(TrackPlays t, LookupTables lookups) =>
        lookups.Tracks.Get(t.TrackId) is { } track
            ? $"{Markup.Escape(track.Title)} [grey]- {Markup.Escape(track.Artist)}[/] ({t.Plays})"
            : $"track {t.TrackId} [grey](unknown)[/] ({t.Plays})";

    private static void RenderBusiestWindows(AnalyticsResults results)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("busiest 30-minute windows");
        table.AddColumns("window (UTC)", "plays", "listeners", "mobile");
        foreach (var w in results.Activity.OrderByDescending(w => w.Plays).ThenBy(w => w.WindowStart).Take(5))
            table.AddRow($"{Time(w.WindowStart)} - {Time(w.WindowEnd)[11..]}", w.Plays.ToString("N0", CultureInfo.InvariantCulture),
                w.Listeners.ToString("N0", CultureInfo.InvariantCulture), $"{(w.Plays == 0 ? 0 : 100.0 * w.MobilePlays / w.Plays):F0}%");
        AnsiConsole.Write(table);
    }

    private static void RenderTimeOfDay(AnalyticsResults results)
    {
        var s = results.ProfileSummary;
        var chart = new BarChart().Width(60).Label($"when {s.Customers:N0} listeners listen (mean share of their plays, %)")
            .AddItem("morning 5-11", Math.Round(s.Morning * 100, 1), Color.Yellow)
            .AddItem("afternoon 12-16", Math.Round(s.Afternoon * 100, 1), Color.Orange1)
            .AddItem("evening 17-21", Math.Round(s.Evening * 100, 1), Color.Purple)
            .AddItem("night 22-4", Math.Round(s.Night * 100, 1), Color.Blue)
            .AddItem("on mobile", Math.Round(s.Mobile * 100, 1), Color.Green)
            .AddItem("unique tracks", Math.Round(s.Unique * 100, 1), Color.Grey);
        AnsiConsole.Write(chart);
    }

    private static string Time(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
