using Playstream.Cli.Views;
using Playstream.Core.Engine;
using Playstream.Core.Results;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Spectre.Console;

namespace Playstream.Cli.Tests.Views;

[Collection(ConsoleCollection.Name)]
public sealed class RunSummaryViewTests
{
    internal static string Rendered(Action render)
    {
        var output = new StringWriter();
        var before = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No,
        });
        AnsiConsole.Console.Profile.Width = 200;
        try
        {
            render();
        }
        finally
        {
            AnsiConsole.Console = before;
        }
        return output.ToString();
    }

    private static EmbeddedRunReport Report(IReadOnlyList<string> problems, StoreRunInfo? replaced, long playsStored) => new(
        new AnalyticsResults([], [], [], new ProfileSummary(0, 0, 0, 0, 0, 0, 0), [], [],
            new RunSummary(1_234_567, 3, 10, 20, new Dictionary<string, long> { ["bad_datetime"] = 2, ["field_count"] = 1, ["late"] = 0 })),
        AnalyticsSettings.Default, 100, 200, 1, playsStored, 5000, 1750, problems, replaced, "/data/store.db", "out",
        TimeSpan.FromSeconds(0.1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(2));

    [Fact]
    public void The_summary_shows_the_counts_dead_letters_by_reason_speed_and_where_results_went()
    {
        var text = Rendered(() => RunSummaryView.Render(Report([], null, 1_234_567)));

        Assert.Contains("1,234,567", text, StringComparison.Ordinal);
        Assert.Contains("3 (bad_datetime 2, field_count 1)", text, StringComparison.Ordinal); // reasons that did not occur are left out
        Assert.Contains("10 events", text, StringComparison.Ordinal);
        Assert.Contains("5,000 customers, 1,750 tracks", text, StringComparison.Ordinal);
        Assert.Contains("617,284 plays/s (2.00 s: read 1.00 s, results 0.50 s)", text, StringComparison.Ordinal);
        Assert.Contains("/data/store.db (1,234,567 plays)", text, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath("out"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("replaced", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replaced_run_and_at_most_five_skipped_lookup_lines_are_named()
    {
        var replaced = new StoreRunInfo("finished", new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero), null, 42, new Dictionary<string, string>());
        var problems = Enumerable.Range(1, 7).Select(i => $"cust.csv line {i}: bad").ToList();

        var text = Rendered(() => RunSummaryView.Render(Report(problems, replaced, 0)));

        Assert.Contains("replaced the earlier results in /data/store.db (a run from 2024-05-01 10:00:00Z, 42 events)", text, StringComparison.Ordinal);
        Assert.Contains("(results only)", text, StringComparison.Ordinal);
        Assert.Contains("7 lookup line(s) skipped:", text, StringComparison.Ordinal);
        Assert.Contains("cust.csv line 5: bad", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cust.csv line 6: bad", text, StringComparison.Ordinal);
        Assert.Contains("... and 2 more", text, StringComparison.Ordinal);
    }
}
