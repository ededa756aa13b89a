using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;

namespace Playstream.Dashboard.Sources;

/// <summary>One consistent read of everything the page shows: precomputed results, never plays.</summary>
public sealed record DashboardData(
    SourceStatus Status,
    AnalyticsResults Results,
    BreakdownResults Breakdowns,
    LookupTables Lookups)
{
    public static AnalyticsResults NoResults { get; } = new(
        [], [], [], new ProfileSummary(0, 0, 0, 0, 0, 0, 0),
        [new UniqueTracks("all", []), new UniqueTracks("mobile", [])], [],
        new RunSummary(0, 0, 0, 0, new Dictionary<string, long>()));

    public static DashboardData Empty(SourceStatus status) => new(status, NoResults, BreakdownResults.Empty, LookupTables.Empty());
}
