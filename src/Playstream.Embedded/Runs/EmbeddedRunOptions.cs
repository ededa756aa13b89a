using Playstream.Core.Engine;

namespace Playstream.Embedded.Runs;

/// <summary>What <c>playstream run</c> was asked to do.</summary>
public sealed record EmbeddedRunOptions
{
    public required IReadOnlyList<string> EventFiles { get; init; }
    public string? CustomersFile { get; init; }
    public string? TracksFile { get; init; }
    public required string StorePath { get; init; }
    public string? ExportDirectory { get; init; }
    public bool StorePlays { get; init; } = true;
    public AnalyticsSettings Settings { get; init; } = AnalyticsSettings.Default;
    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
