using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Api;

/// <summary>
/// Answers the page's questions from one <see cref="DashboardData"/>: built once per results
/// version, then shared by every request until the next version.
/// </summary>
public sealed class DashboardView
{
    /// <summary>Above this many points a breakdown chart is summed into wider buckets.</summary>
    public const int MaxChartPoints = 2000;

    private readonly DashboardData _data;
    private readonly Dictionary<long, List<TopTracksWindow>> _topByStart;
    private readonly long[] _topStarts;
    private readonly Dictionary<int, CustomerProfile> _profiles;
    private readonly ILookup<int, Interest> _interestsByCustomer;
    private readonly Dictionary<long, ActivityWindow> _activityByStart;

    public DashboardView(DashboardData data, string version)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        Version = version;
        _topByStart = data.Results.TopTracks.GroupBy(w => w.WindowStart).ToDictionary(g => g.Key, g => g.ToList());
        _topStarts = [.. _topByStart.Keys.Order()];
        _profiles = data.Results.Profiles.ToDictionary(p => p.CustomerId);
        _interestsByCustomer = data.Results.Interests.ToLookup(i => i.CustomerId);
        var activity = data.Results.Activity;
        _activityByStart = activity.ToDictionary(w => w.WindowStart);
        if (activity.Count > 0)
        {
            // Only windows with plays exist, so the first window ends one slide after the first
            // play's pane and the last one starts at the latest play's pane.
            SlideSeconds = activity.Count > 1 ? (int)(activity[1].WindowStart - activity[0].WindowStart) : 300;
            FirstPlay = activity[0].WindowEnd - SlideSeconds;
            LatestPlay = activity[^1].WindowStart;
        }
    }

    public string Version { get; }
    public DashboardData Data => _data;
    public int SlideSeconds { get; } = 300;

    /// <summary>The start of the pane holding the first play (a lower bound of its time, to the slide).</summary>
    public long? FirstPlay { get; }

    /// <summary>The start of the pane holding the latest play.</summary>
    public long? LatestPlay { get; }

    public OverviewResponse Overview()
    {
        var s = _data.Status;
        var summary = _data.Results.Summary;
        var unique = _data.Results.UniqueTracks;
        return new OverviewResponse(
            Version, s.Mode, s.Source, s.State, s.Hint, s.StartedAt, s.FinishedAt, s.ResultsAt, s.ElapsedSeconds,
            summary.Events, summary.DeadLetters, summary.DeadLettersByReason, summary.UnknownCustomers, summary.UnknownTracks,
            unique.FirstOrDefault(u => u.Scope == "all")?.Count ?? 0,
            unique.FirstOrDefault(u => u.Scope == "mobile")?.Count ?? 0,
            _data.Results.Profiles.Count, _data.Results.Interests.Count,
            s.ElapsedSeconds is > 0 ? (summary.Events + summary.DeadLetters) / s.ElapsedSeconds.Value : null,
            FirstPlay, LatestPlay);
    }

    public ActivityResponse Activity()
    {
        var windows = _data.Results.Activity;
        var windowSeconds = windows.Count > 0 ? (int)(windows[0].WindowEnd - windows[0].WindowStart) : 1800;
        return new ActivityResponse(windowSeconds, SlideSeconds,
            [.. windows.Select(w => w.WindowStart)], [.. windows.Select(w => w.Plays)], [.. windows.Select(w => w.MobilePlays)],
            [.. windows.Select(w => w.Plays - w.MobilePlays)], [.. windows.Select(w => w.Listeners)]);
    }

    /// <summary>
    /// The window the page opens on: the one that ends at the first window boundary after the
    /// latest play (the last full hour's worth of data, 30 hours long by default).
    /// </summary>
    public long? DefaultTopTracksStart()
    {
        if (LatestPlay is not { } latest || _topStarts.Length == 0)
            return null;
        foreach (var start in _topStarts)
            if (_topByStart[start][0].WindowEnd > latest)
                return start;
        return _topStarts[^1];
    }

    public TopTracksResponse TopTracks(long? start)
    {
        var defaultStart = DefaultTopTracksStart();
        var chosen = start is { } s && _topByStart.ContainsKey(s) ? s : defaultStart;
        if (chosen is not { } c)
            return new TopTracksResponse(null, null, null, _topStarts, 0, []);
        var windows = _topByStart[c];
        var genders = windows
            .OrderBy(w => w.Gender == "unknown" ? 1 : 0).ThenBy(w => w.Gender, StringComparer.Ordinal)
            .Select(w => new GenderTopTracks(w.Gender, [.. w.Tracks.Select((t, i) => Ranked(i + 1, t))]))
            .ToList();
        var end = windows[0].WindowEnd;
        return new TopTracksResponse(c, end, defaultStart, _topStarts, PlaysBetween(c, end), genders);
    }

    /// <summary>Plays in [start, end) from the activity windows that tile it (exact when both are on pane boundaries).</summary>
    public long PlaysBetween(long start, long end)
    {
        long plays = 0;
        var windowSeconds = _data.Results.Activity.Count > 0 ? _data.Results.Activity[0].WindowEnd - _data.Results.Activity[0].WindowStart : 1800;
        for (var t = start; t < end; t += windowSeconds)
            if (_activityByStart.TryGetValue(t, out var w))
                plays += w.Plays;
        return plays;
    }

    public BreakdownResponse Breakdown(string dimension)
    {
        var rows = _data.Breakdowns.Panes.Where(p => p.Dimension == dimension).ToList();
        if (rows.Count == 0)
            return new BreakdownResponse(dimension, SlideSeconds, [], []);
        var first = rows.Min(r => r.PaneStart);
        var last = rows.Max(r => r.PaneStart);
        var bucket = SlideSeconds;
        while ((last - first) / bucket + 1 > MaxChartPoints)
            bucket *= 2;
        first -= first % bucket;
        var count = (int)((last - first) / bucket) + 1;
        var starts = Enumerable.Range(0, count).Select(i => first + (long)i * bucket).ToArray();
        var series = rows.GroupBy(r => r.Key)
            .Select(g =>
            {
                var plays = new long[count];
                foreach (var r in g)
                    plays[(r.PaneStart - first) / bucket] += r.Plays;
                return new BreakdownSeries(g.Key, plays, plays.Sum());
            })
            .OrderBy(s => KeyOrder(dimension, s.Key)).ThenBy(s => s.Key, StringComparer.Ordinal)
            .ToList();
        return new BreakdownResponse(dimension, bucket, starts, series);
    }

    public IReadOnlyList<ZipRow> TopZips(int limit) =>
        [.. _data.Breakdowns.Zips.OrderByDescending(z => z.Plays).ThenBy(z => z.Zip, StringComparer.Ordinal).Take(limit).Select(z => new ZipRow(z.Zip, z.Plays))];

    public IReadOnlyList<ListenerRow> BusiestListeners(int limit) =>
        [.. _data.Results.Profiles.OrderByDescending(p => p.Plays).ThenBy(p => p.CustomerId).Take(limit)
            .Select(p => new ListenerRow(p.CustomerId, NameOf(p.CustomerId), p.Plays, p.MobilePlays, p.UniqueTracks))];

    public IReadOnlyList<InterestRow> RecentInterests(int limit) =>
        [.. _data.Results.Interests.OrderByDescending(i => i.DetectedAt).ThenBy(i => i.CustomerId).ThenBy(i => i.TrackId).Take(limit).Select(Row)];

    /// <summary>A customer's profile and interests; null when the customer neither played nor is in the customer file.</summary>
    public CustomerResponse? Customer(int id)
    {
        var customer = _data.Lookups.Customers.Get(id);
        _profiles.TryGetValue(id, out var p);
        if (customer is null && p is null)
            return null;
        double Share(long part) => p is { Plays: > 0 } ? (double)part / p.Plays : 0;
        var level = customer is null ? "unknown" : CustomerTraits.LevelName(CustomerTraits.LevelOf(customer.Level));
        var age = customer?.Age is { Length: > 0 } a ? a : "unknown";
        return new CustomerResponse(id, customer is not null, customer?.Name ?? "", customer?.Gender ?? "unknown", level, age, customer?.Zip ?? "",
            p?.Plays ?? 0, Share(p?.Morning ?? 0), Share(p?.Afternoon ?? 0), Share(p?.Evening ?? 0), Share(p?.Night ?? 0), Share(p?.MobilePlays ?? 0),
            p?.MobilePlays ?? 0, p?.UniqueTracks ?? 0,
            [.. _interestsByCustomer[id].OrderByDescending(i => i.DetectedAt).ThenBy(i => i.TrackId).Select(Row)]);
    }

    private InterestRow Row(Interest i)
    {
        var track = _data.Lookups.Tracks.Get(i.TrackId);
        return new InterestRow(i.CustomerId, NameOf(i.CustomerId), i.TrackId, track?.Title ?? "", track?.Artist ?? "", i.DetectedAt);
    }

    private RankedTrack Ranked(int rank, TrackPlays t)
    {
        var track = _data.Lookups.Tracks.Get(t.TrackId);
        return new RankedTrack(rank, t.TrackId, track?.Title ?? $"track {t.TrackId}", track?.Artist ?? "", t.Plays);
    }

    private string NameOf(int customerId) => _data.Lookups.Customers.Get(customerId)?.Name ?? "";

    private static int KeyOrder(string dimension, string key) => dimension switch
    {
        "level" => CustomerTraits.LevelSlotOf(key),
        "age" => CustomerTraits.AgeSlotOf(key),
        _ => key == "unknown" ? 1 : 0,
    };
}
