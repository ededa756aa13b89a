using Playstream.Core.Results;

namespace Playstream.Core.Tests.Engine;

/// <summary>
/// A model of what the result stores do with repeated writes, written from the rule rather than
/// from the product's code: a window's result is replaced only by one counting at least as many
/// plays (a later view of the same window never counts fewer), an interest only by an earlier
/// detection, and everything else by the latest write. Results left out of a later write stay.
/// </summary>
internal sealed class FinalResultsSink
{
    private readonly Dictionary<long, ActivityWindow> _activity = [];
    private readonly Dictionary<(long, string), TopTracksWindow> _topTracks = [];
    private readonly Dictionary<(int, int), Interest> _interests = [];
    private AnalyticsResults? _latest;

    public void Write(AnalyticsResults results)
    {
        foreach (var window in results.Activity)
            if (!_activity.TryGetValue(window.WindowStart, out var stored) || window.Plays >= stored.Plays)
                _activity[window.WindowStart] = window;
        foreach (var window in results.TopTracks)
        {
            var key = (window.WindowStart, window.Gender);
            if (!_topTracks.TryGetValue(key, out var stored) || Plays(window) >= Plays(stored))
                _topTracks[key] = window;
        }
        foreach (var interest in results.Interests)
        {
            var key = (interest.CustomerId, interest.TrackId);
            if (!_interests.TryGetValue(key, out var stored) || interest.DetectedAt < stored.DetectedAt)
                _interests[key] = interest;
        }
        _latest = results;
    }

    /// <summary>Everything the stores hold, in the results' key order.</summary>
    public AnalyticsResults Contents() => _latest! with
    {
        Activity = _activity.Values.OrderBy(w => w.WindowStart).ToList(),
        TopTracks = _topTracks.Values.OrderBy(w => w.WindowStart).ThenBy(w => w.Gender, StringComparer.Ordinal).ToList(),
        Interests = _interests.Values.OrderBy(i => i.CustomerId).ThenBy(i => i.TrackId).ToList(),
    };

    private static long Plays(TopTracksWindow window) => window.Tracks.Sum(t => t.Plays);
}
