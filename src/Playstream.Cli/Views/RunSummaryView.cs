using System.Globalization;
using Playstream.Embedded.Runs;
using Spectre.Console;

namespace Playstream.Cli.Views;

/// <summary>The short summary <c>run</c> prints: counts, dead letters by reason, speed, where results went.</summary>
internal static class RunSummaryView
{
    public static void Render(EmbeddedRunReport report)
    {
        var s = report.Results.Summary;
        if (report.Replaced is { } old)
            AnsiConsole.MarkupLine($"[yellow]replaced the earlier results in {Markup.Escape(report.StorePath)}[/] (a run from {old.StartedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "an unknown time"}, {N(old.Events ?? 0)} events)");

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("events", N(s.Events));
        grid.AddRow("dead letters", s.DeadLetters == 0 ? "0" : $"{N(s.DeadLetters)} ({string.Join(", ", s.DeadLettersByReason.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {N(kv.Value)}"))})");
        grid.AddRow("unknown customers", $"{N(s.UnknownCustomers)} events");
        grid.AddRow("unknown tracks", $"{N(s.UnknownTracks)} events");
        grid.AddRow("lookups", $"{N(report.Customers)} customers, {N(report.Tracks)} tracks");
        // A following run spends most of its time waiting for lines: its average is small, so no fixed unit.
        var rate = report.PlaysPerSecond >= 1e6 ? $"{report.PlaysPerSecond / 1e6:F2} M" : $"{report.PlaysPerSecond:N0}";
        grid.AddRow("throughput", $"{rate} plays/s ({report.Elapsed.TotalSeconds:F2} s: read {report.ReadTime.TotalSeconds:F2} s, results {report.ResultsTime.TotalSeconds:F2} s)");
        grid.AddRow("store", $"{Markup.Escape(report.StorePath)}{(report.PlaysStored > 0 ? $" ({N(report.PlaysStored)} plays)" : " (results only)")}");
        if (report.ExportDirectory is not null)
            grid.AddRow("export", Markup.Escape(Path.GetFullPath(report.ExportDirectory)));
        AnsiConsole.Write(new Panel(grid).Header("playstream run").Border(BoxBorder.Rounded));

        if (report.LookupProblems.Count > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{report.LookupProblems.Count} lookup line(s) skipped:[/]");
            foreach (var problem in report.LookupProblems.Take(5))
                AnsiConsole.MarkupLine($"  {Markup.Escape(problem)}");
            if (report.LookupProblems.Count > 5)
                AnsiConsole.MarkupLine($"  ... and {report.LookupProblems.Count - 5} more");
        }
    }

    internal static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
