using Playstream.Core.Engine;
using Playstream.Core.Export;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

/// <summary>A whole embedded run over the repository's fixture files, checked against the brute-force reference and the fixtures' hand-counted facts.</summary>
public sealed class EmbeddedRunnerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private EmbeddedRunOptions Options(bool storePlays = true) => new()
    {
        EventFiles = [Fixtures.Plays],
        CustomersFile = Fixtures.Customers,
        TracksFile = Fixtures.Tracks,
        StorePath = _folder.File("store.db"),
        ExportDirectory = _folder.File("export"),
        StorePlays = storePlays,
        Parallelism = 2,
    };

    [Fact]
    public async Task The_store_the_export_and_the_report_hold_the_reference_results()
    {
        var expected = BruteForceReference.Compute(LogFile.Lines(Fixtures.Plays), Fixtures.CustomerGenders, Fixtures.TrackIds);
        var progress = new List<RunProgress>();

        var report = await EmbeddedRunner.RunAsync(Options(), new SynchronousProgress(progress));

        ResultsAssert.Equal(expected, report.Results);
        ResultsAssert.Equal(expected, ResultsReader.Read(_folder.File("export")));
        using (var reader = new StoreReader(report.StorePath))
        {
            ResultsAssert.Equal(expected, reader.ReadResults());
            Assert.Equal(Fixtures.PlayCount, reader.CountPlays());
            Assert.Equal(Fixtures.DeadLettersByReason.Values.Sum(), reader.ReadDeadLetters().Count);
            Assert.Equal(Fixtures.CustomerRows.Count, reader.ReadLookups().Customers.Count);
            var info = reader.RunInfo();
            Assert.Equal("finished", info.State);
            Assert.Equal(Fixtures.PlayCount, info.Events);
            Assert.Equal(Path.GetFullPath(Fixtures.Plays), info.Meta["inputs"]);
            Assert.NotEmpty(reader.ReadBreakdowns().Panes);
        }
        Assert.Equal((Fixtures.PlayCount, Fixtures.CustomerRows.Count, Fixtures.TrackRows.Count), ((int)report.PlaysStored, report.Customers, report.Tracks));
        Assert.Equal(new FileInfo(Fixtures.Plays).Length, report.Bytes);
        Assert.Equal(File.ReadAllBytes(Fixtures.Plays).Count(b => b == '\n'), report.Lines);
        Assert.Equal(new FileInfo(Fixtures.Plays).Length, progress[^1].BytesRead);
        Assert.All(progress, p => Assert.Equal(new FileInfo(Fixtures.Plays).Length, p.TotalBytes));
        Assert.Null(report.Replaced);
    }

    [Fact]
    public async Task A_second_run_says_which_run_it_replaced_and_without_plays_stores_none()
    {
        await EmbeddedRunner.RunAsync(Options());

        var second = await EmbeddedRunner.RunAsync(Options(storePlays: false));

        Assert.Equal(Fixtures.PlayCount, second.Replaced!.Events);
        Assert.Equal(0, second.PlaysStored);
        using var reader = new StoreReader(second.StorePath);
        Assert.Equal(0, reader.CountPlays());
        Assert.Equal(Fixtures.PlayCount, reader.ReadResults().Summary.Events);
    }

    [Fact]
    public async Task Lookup_rows_that_were_skipped_are_reported_with_their_file()
    {
        var customers = _folder.Write("cust.csv",
            "CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps\n1,A,0,x,1,d,1,0,1,0\nx,B,0,x,1,d,1,0,1,0\n");

        var report = await EmbeddedRunner.RunAsync(Options() with { CustomersFile = customers, TracksFile = null });

        var problem = Assert.Single(report.LookupProblems);
        Assert.StartsWith($"{customers} line 3: ", problem, StringComparison.Ordinal);
        Assert.Equal((1, 0), (report.Customers, report.Tracks));
    }

    [Fact]
    public async Task No_event_file_or_bad_settings_stop_before_any_store_is_written()
    {
        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => EmbeddedRunner.RunAsync(Options() with { EventFiles = [] }));
        Assert.Equal("no events file given (--events FILE...)", e.Message);
        await Assert.ThrowsAsync<SettingsException>(() => EmbeddedRunner.RunAsync(Options() with { Settings = AnalyticsSettings.Default with { TopN = 0 } }));
        Assert.False(File.Exists(_folder.File("store.db")));
    }

    private sealed class SynchronousProgress(List<RunProgress> reports) : IProgress<RunProgress>
    {
        public void Report(RunProgress value)
        {
            lock (reports)
                reports.Add(value);
        }
    }
}
