using Playstream.Core.Results;

namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// The version of each result: a number that grows whenever the result's content does, along
/// the one history its owner's commits give it. A results store keeps the highest version it
/// was given (equal versions hold equal content), so a late or stale write never replaces a
/// newer value: what a user sees only moves forward.
/// </summary>
public static class ResultVersions
{
    /// <summary>A window changes only when a play joins it.</summary>
    public static long Of(ActivityWindow window) => window?.Plays ?? throw new ArgumentNullException(nameof(window));

    /// <summary>All the plays the window holds for its gender (not only the listed tracks': a tie can change the list at the same sum).</summary>
    public static long OfTopTracks(long windowPlays) => windowPlays;

    public static long Of(CustomerProfile profile) => profile?.Plays ?? throw new ArgumentNullException(nameof(profile));

    /// <summary>Earlier detections get higher versions; event times stay far below 2^40 s either side of 1970.</summary>
    public static long Of(Interest interest) => (1L << 40) - (interest ?? throw new ArgumentNullException(nameof(interest))).DetectedAt;

    /// <summary>Both sets only grow.</summary>
    public static long Of(IReadOnlyList<UniqueTracks> scopes) => scopes?.Sum(s => (long)s.Count) ?? throw new ArgumentNullException(nameof(scopes));

    /// <summary>Every record counted, as an event or a dead letter.</summary>
    public static long Of(RunSummary summary) => summary is null ? throw new ArgumentNullException(nameof(summary)) : summary.Events + summary.DeadLetters;
}
