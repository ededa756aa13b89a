using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;

namespace Playstream.TestSupport.Streaming;

/// <summary>Whole result sets as the changes a sink is given: every result changed, each top list's version the plays of its tracks.</summary>
public static class ResultChangesOf
{
    public static ResultChanges All(AnalyticsResults results, BreakdownResults? breakdowns = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new ResultChanges
        {
            Activity = [.. results.Activity],
            TopTracks = [.. results.TopTracks.Select(w => (w, w.Tracks.Sum(t => t.Plays)))],
            Profiles = [.. results.Profiles],
            Interests = [.. results.Interests],
            UniqueTracks = results.UniqueTracks,
            Summary = results.Summary,
            ProfileSummary = results.ProfileSummary,
            ProfileSummaryVersion = results.Summary.Events,
            Breakdowns = breakdowns,
        };
    }
}
