using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Held_out_shape_is_unordered_with_bad_lines_and_an_explicit_share_wins()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(folder.Path, "generate", "--out", folder.Path, "--events", "10000", "--customers", "100", "--tracks", "80", "--held-out", "--bad-lines", "0.1");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        Assert.Contains("in random order", run.Output, StringComparison.Ordinal);

        var parsed = File.ReadLines(Path.Combine(folder.Path, "tracks.csv")).Select(ReferenceLineParser.Parse).ToList();
        Assert.Equal(10_000, parsed.Count);
        Assert.InRange(parsed.Count(p => p.Problem is not null), 850, 1150);
        var times = parsed.Where(p => p.Play is not null).Select(p => p.Play!.Time).ToList();
        Assert.InRange(times.Zip(times.Skip(1)).Count(p => p.Second < p.First), times.Count / 3, times.Count * 2 / 3);
        // The held-out shape's unknown ids are there too: customers past the file's 100.
        Assert.Contains(parsed, p => p.Play is { CustomerId: >= 100 });
    }

    [Fact]
    public void A_share_out_of_range_is_one_line_naming_the_option()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(folder.Path, "generate", "--out", folder.Path, "--unknown-ids", "0.7");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("playstream: --unknown-ids:", line, StringComparison.Ordinal);
    }
}
