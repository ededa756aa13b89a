using Playstream.Core.Engine;
using Playstream.Core.Results;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>What a run did, for the summary a user reads and for benchmarks.</summary>
public sealed record EmbeddedRunReport(
    AnalyticsResults Results,
    AnalyticsSettings Settings,
    long Bytes,
    long Lines,
    long BlankLines,
    long PlaysStored,
    int Customers,
    int Tracks,
    IReadOnlyList<string> LookupProblems,
    StoreRunInfo? Replaced,
    string StorePath,
    string? ExportDirectory,
    TimeSpan LoadTime,
    TimeSpan ReadTime,
    TimeSpan ResultsTime,
    TimeSpan Elapsed)
{
    public double PlaysPerSecond => Elapsed.TotalSeconds > 0 ? Results.Summary.Events / Elapsed.TotalSeconds : 0;
}
