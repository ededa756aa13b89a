using System.Text.RegularExpressions;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream bench</c> on a given event file: what it prints, not how fast anything is.</summary>
public sealed partial class BenchCommandTests
{
    [Fact]
    public void Bench_on_an_event_file_prints_the_phases_and_the_baseline_as_a_ratio()
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var generated = CliProcess.Run(folder.Path, "generate", "--out", data, "--events", "5000", "--customers", "100", "--tracks", "80", "--days", "2", "--held-out");
        Assert.True(generated.ExitCode == 0, generated.Error + generated.Output);

        var bench = CliProcess.Run(folder.Path, "bench", "--events", Path.Combine(data, "tracks.csv"),
            "--customers", Path.Combine(data, "cust.csv"), "--tracks", Path.Combine(data, "music.csv"));
        Assert.True(bench.ExitCode == 0, bench.Error + bench.Output);

        // The plays counted are the run's events: the held-out shape's bad lines are not plays.
        var plays = long.Parse(Title().Match(bench.Output).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(plays, 4900, 4999);
        Assert.Matches(@"read phase[^\n]*\d+\.\d\d", bench.Output);
        Assert.Matches(@"results phase[^\n]*\d+\.\d\d", bench.Output);
        Assert.Matches(@"store phase[^\n]*[+-]\d+\.\d\d", bench.Output);
        Assert.Matches(@"DuckDB SQL, same export[^\n]*\d+\.\d\d", bench.Output);
        Assert.Matches(@"\d+\.\d\dx as fast", bench.Output);
        // The baseline wrote the same export as the run.
        var home = Path.Combine(folder.Path, ".playstream", "bench-work");
        foreach (var file in new[] { "activity.jsonl", "top_tracks.jsonl", "interests.jsonl", "summary.json" })
            Assert.Equal(File.ReadAllText(Path.Combine(home, "export", file)), File.ReadAllText(Path.Combine(home, "duckdb-export", file)));
    }

    [GeneratedRegex(@"([0-9,]+) plays, ")]
    private static partial Regex Title();
}
