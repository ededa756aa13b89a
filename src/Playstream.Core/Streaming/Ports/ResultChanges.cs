using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;

namespace Playstream.Core.Streaming.Ports;

/// <summary>The results that changed, each a whole value; null or empty where nothing changed.</summary>
public sealed record ResultChanges
{
    public List<ActivityWindow> Activity { get; init; } = [];

    /// <summary>Top-tracks windows with the plays the window holds for its gender (their version).</summary>
    public List<(TopTracksWindow Window, long Plays)> TopTracks { get; init; } = [];

    public List<CustomerProfile> Profiles { get; init; } = [];
    public List<Interest> Interests { get; init; } = [];
    public IReadOnlyList<UniqueTracks>? UniqueTracks { get; init; }
    public RunSummary? Summary { get; init; }
    public ProfileSummary? ProfileSummary { get; init; }

    /// <summary>The events the profile summary was taken over: its version (it changes only when plays arrive).</summary>
    public long ProfileSummaryVersion { get; init; }

    /// <summary>The dashboard's breakdown panes and zips that changed.</summary>
    public BreakdownResults? Breakdowns { get; init; }

    public bool IsEmpty => Activity.Count == 0 && TopTracks.Count == 0 && Profiles.Count == 0 && Interests.Count == 0
        && UniqueTracks is null && Summary is null && ProfileSummary is null && (Breakdowns is null || (Breakdowns.Panes.Count == 0 && Breakdowns.Zips.Count == 0));

    /// <summary>How many result values it holds.</summary>
    public int Count => Activity.Count + TopTracks.Count + Profiles.Count + Interests.Count + (UniqueTracks?.Count ?? 0)
        + (Summary is null ? 0 : 1) + (ProfileSummary is null ? 0 : 1) + (Breakdowns?.Panes.Count ?? 0) + (Breakdowns?.Zips.Count ?? 0);

    /// <summary>Both sets of changes; where both hold a singleton, <paramref name="later"/>'s.</summary>
    public static ResultChanges Combine(ResultChanges earlier, ResultChanges later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        return new ResultChanges
        {
            Activity = [.. earlier.Activity, .. later.Activity],
            TopTracks = [.. earlier.TopTracks, .. later.TopTracks],
            Profiles = [.. earlier.Profiles, .. later.Profiles],
            Interests = [.. earlier.Interests, .. later.Interests],
            UniqueTracks = later.UniqueTracks ?? earlier.UniqueTracks,
            Summary = later.Summary ?? earlier.Summary,
            ProfileSummary = later.ProfileSummary ?? earlier.ProfileSummary,
            ProfileSummaryVersion = later.ProfileSummary is null ? earlier.ProfileSummaryVersion : later.ProfileSummaryVersion,
            Breakdowns = earlier.Breakdowns is null ? later.Breakdowns : later.Breakdowns is null ? earlier.Breakdowns
                : new BreakdownResults([.. earlier.Breakdowns.Panes, .. later.Breakdowns.Panes], [.. earlier.Breakdowns.Zips, .. later.Breakdowns.Zips]),
        };
    }
}
