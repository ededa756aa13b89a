using Playstream.Core.Streaming.Runtime;
using Playstream.Processor;
using Playstream.TestSupport;

namespace Playstream.Processor.Tests;

public sealed class ProcessorReportTests
{
    [Theory]
    [InlineData(0.5, 3.0)]   // nearest rank: ceil(0.5 * 5) = 3rd
    [InlineData(0.99, 5.0)]
    [InlineData(0.2, 1.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 5.0)]
    public void Percentiles_are_the_nearest_rank(double share, double expected) =>
        Assert.Equal(expected, ProcessorReport.Percentile([1, 2, 3, 4, 5], share));

    [Fact]
    public void No_values_have_percentile_zero() => Assert.Equal(0, ProcessorReport.Percentile([], 0.5));

    [Fact]
    public void A_report_takes_the_summarys_and_the_runners_figures()
    {
        var stats = new RunnerStats();
        stats.AddRecords(records: 100, events: 90, duplicates: 0, repartitioned: 30);

        var report = ProcessorReport.Of(new ProcessorSummary(100, 90, 30, 0, 90, 4, TimeSpan.FromSeconds(12), GroupFinished: true), stats);

        Assert.Equal((12.0, 100L, 90L, 30L, true), (report.WallSeconds, report.Records, report.Events, report.Repartitioned, report.GroupFinished));
        Assert.True(report.CpuSeconds > 0);
        Assert.Equal(0, report.CommitMsP50); // no commit yet
    }

    [Fact]
    public void A_report_written_to_a_file_reads_back_the_same_in_snake_case()
    {
        using var folder = new TempFolder();
        var path = folder.File("report.json");
        var report = new ProcessorReport(1.5, 0.75, 10, 9, 3, 2, 4096, 12.5, 40, 1.25, [3.5, 4.5], true, 0.5);

        report.WriteTo(path);

        Assert.Contains("\"commit_ms_p99\": 40", File.ReadAllText(path), StringComparison.Ordinal);
        var back = ProcessorReport.ReadFrom(path);
        Assert.Equal(report with { RestoreMs = back.RestoreMs }, back);
        Assert.Equal(report.RestoreMs, back.RestoreMs);
    }

    [Fact]
    public void A_file_holding_no_report_is_refused()
    {
        using var folder = new TempFolder();
        Assert.Throws<InvalidDataException>(() => ProcessorReport.ReadFrom(folder.Write("report.json", "null")));
    }
}
