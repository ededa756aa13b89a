using Playstream.Core.Engine;
using Playstream.Core.Export;
using Playstream.Core.Tests.Engine;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Export;

public sealed class ResultsReaderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "playstream-export-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Reads_back_what_was_written()
    {
        var sample = ResultsExporterTests.Sample();
        ResultsExporter.Write(sample, _directory);
        var read = ResultsReader.Read(_directory);
        ResultsAssert.Equal(sample, read);
        Assert.Equal(sample.ProfileSummary, read.ProfileSummary); // doubles round-trip exactly
    }

    [Fact]
    public void Reads_back_a_full_engine_export()
    {
        var log = RandomEventLog.Generate(11, 2000);
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        log.Feed(analytics, log.Entries);
        var results = analytics.ComputeResults();
        ResultsExporter.Write(results, _directory);
        ResultsAssert.Equal(results, ResultsReader.Read(_directory));
    }

    [Fact]
    public void Lines_in_any_order_are_read_in_key_order()
    {
        var sample = ResultsExporterTests.Sample();
        ResultsExporter.Write(sample, _directory);
        foreach (var file in new[] { ExportFiles.Activity, ExportFiles.TopTracks, ExportFiles.Profiles, ExportFiles.UniqueTracks })
        {
            var path = Path.Combine(_directory, file);
            File.WriteAllLines(path, File.ReadAllLines(path).Reverse());
        }
        ResultsAssert.Equal(sample, ResultsReader.Read(_directory));
    }

    [Fact]
    public void A_missing_field_names_the_file_and_line()
    {
        ResultsExporter.Write(ResultsExporterTests.Sample(), _directory);
        File.WriteAllLines(Path.Combine(_directory, ExportFiles.Interests), ["""{"customer_id":1,"track_id":2,"detected_at":"2014-10-23T03:40:20Z"}""", """{"customer_id":1}"""]);
        var error = Assert.Throws<InvalidDataException>(() => ResultsReader.Read(_directory));
        Assert.Contains("interests.jsonl:2", error.Message);
        Assert.Contains("track_id", error.Message);
    }
}
