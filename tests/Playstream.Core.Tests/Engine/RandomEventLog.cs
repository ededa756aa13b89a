using System.Globalization;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

/// <summary>
/// A random event log for property tests: each entry is a text line (for the brute-force
/// reference) and what the engine is fed for it (a play, or a dead letter's reason). It has
/// what makes analytics go wrong: bursts of one (customer, track), exact duplicate lines,
/// plays in the same second or on window boundaries, unknown customers and tracks,
/// customer 0, a customer with an empty gender code, and broken lines.
/// </summary>
internal sealed class RandomEventLog
{
    public sealed record Entry(string Line, PlayEvent? Play, DeadLetterReason? DeadLetter);

    public List<Entry> Entries { get; } = [];
    public Dictionary<int, string> CustomerGenders { get; } = [];
    public HashSet<int> KnownTracks { get; } = [];

    public static RandomEventLog Generate(int seed, int count)
    {
        var random = new Random(seed);
        var log = new RandomEventLog();
        for (var c = 0; c < 60; c++)
            log.CustomerGenders[c] = c == 13 ? "" : (c % 5 == 0 ? "1" : c % 7 == 0 ? "2" : "0");
        for (var t = 0; t < 80; t++)
            log.KnownTracks.Add(t);

        var start = Utc.Seconds("2014-10-20 00:00:00");
        var span = 3 * 86_400 + random.Next(86_400);
        var plays = new List<PlayEvent>();
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            if (roll < 0.03)
            {
                log.AddBroken(random, i);
                continue;
            }
            PlayEvent play;
            if (plays.Count > 0 && roll < 0.08)
                play = plays[random.Next(plays.Count)]; // an exact duplicate
            else if (plays.Count > 0 && roll < 0.25)
            {
                var earlier = plays[random.Next(plays.Count)]; // a burst: same pair, soon after
                play = earlier with { EventId = i, Time = earlier.Time + random.Next(0, 1900), IsMobile = random.Next(3) == 0 };
            }
            else if (plays.Count > 0 && roll < 0.30)
                play = plays[random.Next(plays.Count)] with { EventId = i, CustomerId = random.Next(70) }; // same second
            else
            {
                var time = start + random.Next(span);
                if (random.Next(10) == 0)
                    time -= time % 300; // on a window boundary
                var customer = random.Next(10) == 0 ? 60 + random.Next(10) : random.Next(60);
                var track = random.Next(12) == 0 ? 80 + random.Next(10) : (int)(80 * Math.Pow(random.NextDouble(), 2));
                play = new PlayEvent(i, customer, track, time, random.Next(3) == 0);
            }
            plays.Add(play);
            log.Entries.Add(new Entry(Render(random, play), play, null));
        }
        return log;
    }

    private void AddBroken(Random random, int id)
    {
        var (line, reason) = random.Next(5) switch
        {
            0 => ($"{id},1,2", DeadLetterReason.FieldCount),
            1 => ($"{id},x,2,\"2014-10-21 10:00:00\",0,\"1\"", DeadLetterReason.BadCustomerId),
            2 => ($"{id},1,2,\"2014-13-21 10:00:00\",0,\"1\"", DeadLetterReason.BadDatetime),
            3 => ($"{id},1,2,\"2014-10-21 10:00:00\",2,\"1\"", DeadLetterReason.BadIsMobile),
            _ => ($"{id},1,2,\"2014-10-21 10:00:00\",0,\"1", DeadLetterReason.BadQuoting),
        };
        Entries.Add(new Entry(line, null, reason));
    }

    private static string Render(Random random, PlayEvent play)
    {
        string Maybe(string value) => random.Next(2) == 0 ? $"\"{value}\"" : value;
        var time = DateTimeOffset.FromUnixTimeSeconds(play.Time).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return string.Join(',',
            Maybe(play.EventId.ToString(CultureInfo.InvariantCulture)),
            Maybe(play.CustomerId.ToString(CultureInfo.InvariantCulture)),
            Maybe(play.TrackId.ToString(CultureInfo.InvariantCulture)),
            $"\"{time}\"",
            Maybe(play.IsMobile ? "1" : "0"),
            Maybe(random.Next(10) == 0 ? "" : random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Feeds entries to an engine the way a pipeline would after parsing and enrichment.</summary>
    public void Feed(PartitionAnalytics analytics, IEnumerable<Entry> entries)
    {
        foreach (var entry in entries)
        {
            if (entry.Play is { } play)
            {
                var known = CustomerGenders.TryGetValue(play.CustomerId, out var gender);
                analytics.Add(play, known ? GenderCodes.Slot(gender!) : GenderCodes.UnknownSlot, known, KnownTracks.Contains(play.TrackId));
            }
            else
            {
                analytics.CountDeadLetter(entry.DeadLetter!.Value);
            }
        }
    }

    /// <summary>
    /// Feeds entries as a file pipeline does: plays enriched from <see cref="Lookups"/> into
    /// blocks of <paramref name="capacity"/>, dead letters counted into the block being filled.
    /// </summary>
    public void FeedBlocks(PartitionAnalytics analytics, IEnumerable<Entry> entries, int capacity)
    {
        var lookups = Lookups();
        var block = new PlayBlock(capacity);
        foreach (var entry in entries)
        {
            if (entry.Play is { } play)
            {
                block.Add(play, ZipOf(entry), lookups);
                if (block.IsFull)
                {
                    analytics.AddBlock(block);
                    block.Clear();
                }
            }
            else
            {
                block.CountDeadLetter(entry.DeadLetter!.Value);
            }
        }
        analytics.AddBlock(block);
    }

    /// <summary>Feeds entries one by one with their zips and the lookups, as a follow run or a Kafka partition does.</summary>
    public void FeedWithLookups(PartitionAnalytics analytics, IEnumerable<Entry> entries)
    {
        var lookups = Lookups();
        foreach (var entry in entries)
        {
            if (entry.Play is { } play)
                analytics.Add(play, ZipOf(entry), lookups);
            else
                analytics.CountDeadLetter(entry.DeadLetter!.Value);
        }
    }

    /// <summary>The customers and tracks of the log as lookup tables (levels and ages vary, for the breakdowns).</summary>
    public LookupTables Lookups()
    {
        var lookups = LookupTables.Empty();
        foreach (var (id, gender) in CustomerGenders)
            lookups.Customers.Set(new Customer(id, $"c{id}", gender, "", "", "", "1", (id % 4).ToString(CultureInfo.InvariantCulture), "", "",
                id % 3 == 0 ? null : (15 + id).ToString(CultureInfo.InvariantCulture)));
        foreach (var track in KnownTracks)
            lookups.Tracks.Set(new Track(track, $"t{track}", "a", 200));
        return lookups;
    }

    /// <summary>The zip of a play's line (its last field, quotes removed).</summary>
    private static byte[] ZipOf(Entry entry) => System.Text.Encoding.UTF8.GetBytes(entry.Line[(entry.Line.LastIndexOf(',') + 1)..].Trim('"'));

    public Playstream.Core.Results.AnalyticsResults Reference(AnalyticsSettings settings) =>
        BruteForceReference.Compute(Entries.Select(e => e.Line), CustomerGenders, KnownTracks, new ReferenceSettings(
            settings.ActivityWindowSeconds, settings.ActivitySlideSeconds, settings.TopTracksWindowSeconds,
            settings.TopTracksSlideSeconds, settings.TopN, settings.InterestPlays, settings.InterestWithinSeconds));
}
