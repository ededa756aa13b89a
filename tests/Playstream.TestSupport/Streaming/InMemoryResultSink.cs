using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;

namespace Playstream.TestSupport.Streaming;

/// <summary>
/// Results kept as a versioned store keeps them: per result key the value with the highest
/// version given (a later write of an equal version wins). Counts the writes it turned away,
/// and every summary it kept, so a test can see that what a user sees never steps back.
/// </summary>
public sealed class InMemoryResultSink : IResultSink
{
    private readonly object _gate = new();
    private readonly Dictionary<long, (long Version, ActivityWindow Value)> _activity = [];
    private readonly Dictionary<(long, string), (long Version, TopTracksWindow Value)> _topTracks = [];
    private readonly Dictionary<int, (long Version, CustomerProfile Value)> _profiles = [];
    private readonly Dictionary<(int, int), (long Version, Interest Value)> _interests = [];
    private (long Version, IReadOnlyList<UniqueTracks> Value)? _unique;
    private (long Version, RunSummary Value)? _summary;
    private (long Version, ProfileSummary Value)? _profileSummary;

    public int Writes { get; private set; }
    public int Stale { get; private set; }

    /// <summary>The events count of every summary kept, in order.</summary>
    public List<long> SummaryEvents { get; } = [];

    private static readonly System.Diagnostics.Stopwatch Clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly List<(TimeSpan Start, TimeSpan End)> _writeTimes = [];

    /// <summary>How long each write takes, as a slow results store's would.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>When each write began and ended, on one clock.</summary>
    public IReadOnlyList<(TimeSpan Start, TimeSpan End)> WriteTimes
    {
        get
        {
            lock (_gate)
                return [.. _writeTimes];
        }
    }

    public static TimeSpan Now => Clock.Elapsed;

    public async Task WriteAsync(ResultChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var start = Clock.Elapsed;
        if (Delay > TimeSpan.Zero)
            await Task.Delay(Delay, cancellationToken);
        lock (_gate)
        {
            _writeTimes.Add((start, Clock.Elapsed));
            Writes++;
            foreach (var w in changes.Activity)
                Keep(_activity, w.WindowStart, ResultVersions.Of(w), w);
            foreach (var (w, plays) in changes.TopTracks)
                Keep(_topTracks, (w.WindowStart, w.Gender), ResultVersions.OfTopTracks(plays), w);
            foreach (var p in changes.Profiles)
                Keep(_profiles, p.CustomerId, ResultVersions.Of(p), p);
            foreach (var i in changes.Interests)
                Keep(_interests, (i.CustomerId, i.TrackId), ResultVersions.Of(i), i);
            if (changes.UniqueTracks is { } unique)
                _unique = Newer(_unique, ResultVersions.Of(unique), unique);
            if (changes.Summary is { } summary)
            {
                var before = _summary;
                _summary = Newer(_summary, ResultVersions.Of(summary), summary);
                if (!Equals(before, _summary))
                    SummaryEvents.Add(_summary!.Value.Value.Events);
            }
            if (changes.ProfileSummary is { } profileSummary)
                _profileSummary = Newer(_profileSummary, changes.ProfileSummaryVersion, profileSummary);
        }
    }

    /// <summary>The results as the store holds them, each list in key order.</summary>
    public AnalyticsResults Results()
    {
        lock (_gate)
        {
            return new AnalyticsResults(
                [.. _activity.OrderBy(a => a.Key).Select(a => a.Value.Value)],
                [.. _topTracks.OrderBy(t => t.Key.Item1).ThenBy(t => t.Key.Item2, StringComparer.Ordinal).Select(t => t.Value.Value)],
                [.. _profiles.OrderBy(p => p.Key).Select(p => p.Value.Value)],
                _profileSummary?.Value ?? new ProfileSummary(0, 0, 0, 0, 0, 0, 0),
                _unique?.Value ?? [new UniqueTracks("all", []), new UniqueTracks("mobile", [])],
                [.. _interests.OrderBy(i => i.Key).Select(i => i.Value.Value)],
                _summary?.Value ?? new RunSummary(0, 0, 0, 0, new Dictionary<string, long>()));
        }
    }

    private void Keep<TKey, TValue>(Dictionary<TKey, (long Version, TValue Value)> store, TKey key, long version, TValue value) where TKey : notnull
    {
        if (store.TryGetValue(key, out var held) && held.Version > version)
        {
            Stale++;
            return;
        }
        store[key] = (version, value);
    }

    private (long Version, T Value)? Newer<T>((long Version, T Value)? held, long version, T value)
    {
        if (held is { } h && h.Version > version)
        {
            Stale++;
            return held;
        }
        return (version, value);
    }
}
