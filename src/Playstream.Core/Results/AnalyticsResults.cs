namespace Playstream.Core.Results;

/// <summary>One sliding window of the activity analytic. Times are Unix seconds, UTC.</summary>
public sealed record ActivityWindow(long WindowStart, long WindowEnd, long Plays, long Listeners, long MobilePlays);

/// <summary>A track and its plays inside one top-tracks window.</summary>
public readonly record struct TrackPlays(int TrackId, long Plays);

/// <summary>The top tracks of one window for one gender code (or <c>unknown</c>), in rank order.</summary>
public sealed record TopTracksWindow(long WindowStart, long WindowEnd, string Gender, IReadOnlyList<TrackPlays> Tracks);

/// <summary>A customer's listening over all time.</summary>
public sealed record CustomerProfile(
    int CustomerId, long Plays, long Morning, long Afternoon, long Evening, long Night, long MobilePlays, long UniqueTracks);

/// <summary>Means across customers of each share of a customer's plays.</summary>
public sealed record ProfileSummary(
    long Customers, double Morning, double Afternoon, double Evening, double Night, double Mobile, double Unique);

/// <summary>The distinct tracks played in a scope (<c>all</c> or <c>mobile</c>), ascending.</summary>
public sealed record UniqueTracks(string Scope, IReadOnlyList<int> TrackIds)
{
    public int Count => TrackIds.Count;
}

/// <summary>A customer who played a track often enough, soon enough; <paramref name="DetectedAt"/> in Unix seconds.</summary>
public sealed record Interest(int CustomerId, int TrackId, long DetectedAt);

/// <summary>Counts of events over the whole run.</summary>
public sealed record RunSummary(
    long Events, long DeadLetters, long UnknownCustomers, long UnknownTracks, IReadOnlyDictionary<string, long> DeadLettersByReason);

/// <summary>Everything the pipeline computes, as ANALYTICS.md lists it.</summary>
public sealed record AnalyticsResults(
    IReadOnlyList<ActivityWindow> Activity,
    IReadOnlyList<TopTracksWindow> TopTracks,
    IReadOnlyList<CustomerProfile> Profiles,
    ProfileSummary ProfileSummary,
    IReadOnlyList<UniqueTracks> UniqueTracks,
    IReadOnlyList<Interest> Interests,
    RunSummary Summary);
