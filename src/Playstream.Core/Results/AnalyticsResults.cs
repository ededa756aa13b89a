namespace Playstream.Core.Results;

/// <summary>Everything the pipeline computes, as ANALYTICS.md lists it.</summary>
public sealed record AnalyticsResults(
    IReadOnlyList<ActivityWindow> Activity,
    IReadOnlyList<TopTracksWindow> TopTracks,
    IReadOnlyList<CustomerProfile> Profiles,
    ProfileSummary ProfileSummary,
    IReadOnlyList<UniqueTracks> UniqueTracks,
    IReadOnlyList<Interest> Interests,
    RunSummary Summary);
