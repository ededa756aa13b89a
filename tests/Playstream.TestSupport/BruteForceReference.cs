using Playstream.Core.Results;

namespace Playstream.TestSupport;

/// <summary>
/// An independent, deliberately naive computation of every analytic from raw event lines:
/// every window is enumerated and every play is checked against it, every count is a plain
/// dictionary. Slow (windows times plays) and meant for a few thousand plays; it shares no
/// code with the engine, so agreement between the two means something.
/// </summary>
public static class BruteForceReference
{
    private const string Unknown = "unknown";

    /// <param name="eventLines">Lines of the event log, as read from a file (blank lines allowed).</param>
    /// <param name="customerGenders">Known customers: id to gender code text.</param>
    /// <param name="knownTracks">Known track ids.</param>
    /// <param name="settings">Window sizes and rules; the contract's defaults when null.</param>
    public static AnalyticsResults Compute(
        IEnumerable<string> eventLines,
        IReadOnlyDictionary<int, string> customerGenders,
        IReadOnlySet<int> knownTracks,
        ReferenceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(eventLines);
        ArgumentNullException.ThrowIfNull(customerGenders);
        ArgumentNullException.ThrowIfNull(knownTracks);
        settings ??= new ReferenceSettings();

        // Blank: empty or only spaces, tabs and \r (docs/analytics.md).
        var parsed = eventLines.Where(line => line.Trim(' ', '\t', '\r').Length > 0).Select(ReferenceLineParser.Parse);
        return Compute(parsed, customerGenders, knownTracks, settings);
    }

    /// <summary>
    /// As <see cref="Compute(IEnumerable{string}, IReadOnlyDictionary{int, string}, IReadOnlySet{int}, ReferenceSettings?)"/>,
    /// over lines as a file or a topic holds them (see <see cref="LogFile.Lines"/>), so that a line
    /// that is not UTF-8 counts as the dead letter it is (text decoded leniently would hide it).
    /// </summary>
    public static AnalyticsResults Compute(
        IEnumerable<byte[]> eventLines,
        IReadOnlyDictionary<int, string> customerGenders,
        IReadOnlySet<int> knownTracks,
        ReferenceSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(eventLines);
        ArgumentNullException.ThrowIfNull(customerGenders);
        ArgumentNullException.ThrowIfNull(knownTracks);
        var parsed = eventLines.Where(line => line.Any(b => b is not ((byte)' ' or (byte)'\t' or (byte)'\r')))
            .Select(ReferenceLineParser.Parse);
        return Compute(parsed, customerGenders, knownTracks, settings ?? new ReferenceSettings());
    }

    private static AnalyticsResults Compute(
        IEnumerable<(ReferencePlay? Play, string? Problem)> parsedLines,
        IReadOnlyDictionary<int, string> customerGenders,
        IReadOnlySet<int> knownTracks,
        ReferenceSettings settings)
    {
        var plays = new List<ReferencePlay>();
        var deadLetters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (play, problem) in parsedLines)
        {
            if (play is not null)
                plays.Add(play);
            else
                deadLetters[problem!] = deadLetters.GetValueOrDefault(problem!) + 1;
        }

        string GenderOf(int customer) =>
            customerGenders.TryGetValue(customer, out var code) && code.Trim().Length > 0 ? code.Trim() : Unknown;

        var profiles = Profiles(plays);
        return new AnalyticsResults(
            Activity(plays, settings),
            TopTracks(plays, settings, GenderOf),
            profiles,
            Summarize(profiles),
            [
                new UniqueTracks("all", plays.Select(p => p.TrackId).Distinct().Order().ToList()),
                new UniqueTracks("mobile", plays.Where(p => p.IsMobile).Select(p => p.TrackId).Distinct().Order().ToList()),
            ],
            Interests(plays, settings),
            new RunSummary(
                plays.Count,
                deadLetters.Values.Sum(),
                plays.Count(p => !customerGenders.ContainsKey(p.CustomerId)),
                plays.Count(p => !knownTracks.Contains(p.TrackId)),
                deadLetters));
    }

    /// <summary>Every epoch-aligned window start (a multiple of slide) whose window could hold a play.</summary>
    private static List<long> WindowStarts(List<ReferencePlay> plays, int window, int slide)
    {
        var starts = new List<long>();
        if (plays.Count == 0)
            return starts;
        var first = FloorTo(plays.Min(p => p.Time) - window, slide);
        var last = plays.Max(p => p.Time);
        for (var start = first; start <= last; start += slide)
            starts.Add(start);
        return starts;
    }

    private static long FloorTo(long time, int step) => time - (((time % step) + step) % step);

    private static List<ActivityWindow> Activity(List<ReferencePlay> plays, ReferenceSettings s)
    {
        var windows = new List<ActivityWindow>();
        foreach (var start in WindowStarts(plays, s.ActivityWindowSeconds, s.ActivitySlideSeconds))
        {
            var end = start + s.ActivityWindowSeconds;
            var inside = plays.Where(p => start <= p.Time && p.Time < end).ToList();
            if (inside.Count == 0)
                continue;
            windows.Add(new ActivityWindow(start, end, inside.Count,
                inside.Select(p => p.CustomerId).Distinct().Count(), inside.Count(p => p.IsMobile)));
        }
        return windows;
    }

    private static List<TopTracksWindow> TopTracks(List<ReferencePlay> plays, ReferenceSettings s, Func<int, string> genderOf)
    {
        var windows = new List<TopTracksWindow>();
        foreach (var start in WindowStarts(plays, s.TopTracksWindowSeconds, s.TopTracksSlideSeconds))
        {
            var end = start + s.TopTracksWindowSeconds;
            var inside = plays.Where(p => start <= p.Time && p.Time < end).ToList();
            var genders = inside.Select(p => genderOf(p.CustomerId)).Distinct().OrderBy(g => g, StringComparer.Ordinal);
            foreach (var gender in genders)
            {
                var counts = new Dictionary<int, long>();
                foreach (var play in inside.Where(p => genderOf(p.CustomerId) == gender))
                    counts[play.TrackId] = counts.GetValueOrDefault(play.TrackId) + 1;
                var top = counts
                    .OrderByDescending(kv => kv.Value)
                    .ThenBy(kv => kv.Key)
                    .Take(s.TopN)
                    .Select(kv => new TrackPlays(kv.Key, kv.Value))
                    .ToList();
                windows.Add(new TopTracksWindow(start, end, gender, top));
            }
        }
        return windows;
    }

    private static List<CustomerProfile> Profiles(List<ReferencePlay> plays)
    {
        var profiles = new List<CustomerProfile>();
        foreach (var group in plays.GroupBy(p => p.CustomerId).OrderBy(g => g.Key))
        {
            long morning = 0, afternoon = 0, evening = 0, night = 0;
            foreach (var play in group)
            {
                var hour = DateTimeOffset.FromUnixTimeSeconds(play.Time).UtcDateTime.Hour;
                if (hour >= 5 && hour <= 11) morning++;
                else if (hour >= 12 && hour <= 16) afternoon++;
                else if (hour >= 17 && hour <= 21) evening++;
                else night++;
            }
            profiles.Add(new CustomerProfile(group.Key, group.Count(), morning, afternoon, evening, night,
                group.Count(p => p.IsMobile), group.Select(p => p.TrackId).Distinct().Count()));
        }
        return profiles;
    }

    private static ProfileSummary Summarize(List<CustomerProfile> profiles)
    {
        if (profiles.Count == 0)
            return new ProfileSummary(0, 0, 0, 0, 0, 0, 0);
        double Mean(Func<CustomerProfile, long> part) => profiles.Average(p => (double)part(p) / p.Plays);
        return new ProfileSummary(profiles.Count, Mean(p => p.Morning), Mean(p => p.Afternoon), Mean(p => p.Evening),
            Mean(p => p.Night), Mean(p => p.MobilePlays), Mean(p => p.UniqueTracks));
    }

    /// <summary>
    /// For each (customer, track): the smallest play time c such that at least InterestPlays
    /// plays (c's own included) fall in [c - within, c]; those plays are t1 &lt;= t2 &lt;= t3 = c.
    /// </summary>
    private static List<Interest> Interests(List<ReferencePlay> plays, ReferenceSettings s)
    {
        var interests = new List<Interest>();
        var pairs = plays.GroupBy(p => (p.CustomerId, p.TrackId)).OrderBy(g => g.Key.CustomerId).ThenBy(g => g.Key.TrackId);
        foreach (var pair in pairs)
        {
            var times = pair.Select(p => p.Time).ToList();
            var detected = times
                .Where(c => times.Count(t => c - s.InterestWithinSeconds <= t && t <= c) >= s.InterestPlays)
                .Select(c => (long?)c)
                .Min();
            if (detected is { } at)
                interests.Add(new Interest(pair.Key.CustomerId, pair.Key.TrackId, at));
        }
        return interests;
    }
}
