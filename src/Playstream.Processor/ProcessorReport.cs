using System.Diagnostics;
using System.Text.Json;
using Playstream.Core.Streaming.Runtime;

namespace Playstream.Processor;

/// <summary>
/// A member's figures at exit, as JSON (<c>process --report FILE</c>): what benchmarks read from
/// the instances they start. CPU time is the process's own; the rest comes from the runner.
/// </summary>
public sealed record ProcessorReport(
    double WallSeconds, double CpuSeconds, long Records, long Events, long Repartitioned, long Flushes,
    long CommitBytes, double CommitMsP50, double CommitMsP99, double SteadySeconds, IReadOnlyList<double> RestoreMs, bool GroupFinished,
    double SteadyCpuSeconds = 0)
{
    public static ProcessorReport Of(ProcessorSummary summary, RunnerStats stats)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(stats);
        var flushes = stats.FlushMilliseconds.Order().ToList();
        var (first, last) = stats.RecordTimes;
        return new ProcessorReport(
            summary.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds,
            stats.Records, stats.Events, stats.Repartitioned, stats.Flushes, stats.CommitBytes.Sum(),
            Percentile(flushes, 0.5), Percentile(flushes, 0.99),
            first == 0 ? 0 : Stopwatch.GetElapsedTime(first, last).TotalSeconds,
            stats.RestoreMilliseconds, summary.GroupFinished, stats.SteadyCpu.TotalSeconds);
    }

    public void WriteTo(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, ReportJson.Default.ProcessorReport));

    public static ProcessorReport ReadFrom(string path) =>
        JsonSerializer.Deserialize(File.ReadAllText(path), ReportJson.Default.ProcessorReport) ?? throw new InvalidDataException($"{path} holds no report");

    /// <summary>The value below which the given share of the sorted values lie (nearest rank); 0 for none.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double share)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
            return 0;
        var rank = (int)Math.Ceiling(share * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ProcessorReport))]
internal sealed partial class ReportJson : System.Text.Json.Serialization.JsonSerializerContext;
