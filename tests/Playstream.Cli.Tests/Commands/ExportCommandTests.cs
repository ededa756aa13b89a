using Playstream.Core.Export;
using Playstream.Embedded.Runs;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

public sealed class ExportCommandTests
{
    [Fact]
    public async Task An_embedded_stores_results_are_exported_as_run_would_export_them()
    {
        using var folder = new TempFolder();
        var report = await EmbeddedRunner.RunAsync(new EmbeddedRunOptions
        {
            EventFiles = [Fixtures.Plays], CustomersFile = Fixtures.Customers, TracksFile = Fixtures.Tracks,
            StorePath = folder.File("store.db"), ExportDirectory = folder.File("by-run"),
        });

        var export = CliProcess.Run(folder.Path, "export", folder.File("by-export"), "--store", report.StorePath);

        Assert.True(export.ExitCode == 0, export.Error + export.Output);
        // The console wraps long lines: words are compared, not line breaks.
        Assert.Contains($"exported {Fixtures.PlayCount} events' results from {report.StorePath}", string.Join(' ', export.Output.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        foreach (var file in Directory.GetFiles(folder.File("by-run")).Select(Path.GetFileName))
            Assert.Equal(File.ReadAllText(folder.File($"by-run/{file}")), File.ReadAllText(folder.File($"by-export/{file}")));
        ResultsAssert.Equal(report.Results, ResultsReader.Read(folder.File("by-export")));
    }

    [Fact]
    public void A_store_that_is_not_there_is_one_line_saying_what_to_do()
    {
        using var folder = new TempFolder();
        var export = CliProcess.Run(folder.Path, "export", folder.File("out"), "--store", folder.File("none.db"));

        Assert.Equal(2, export.ExitCode);
        Assert.Equal($"playstream: no embedded store at '{folder.File("none.db")}': run `playstream run` or `playstream demo` first", export.Error.Trim());
        Assert.False(Directory.Exists(folder.File("out")));
    }
}
