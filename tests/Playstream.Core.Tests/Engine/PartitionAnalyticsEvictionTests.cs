using Playstream.Core.Engine;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

/// <summary>
/// An endless stream with allowed lateness: three partitions (records not keyed by customer),
/// plays roughly in time order with some later than allowed, results written to stores after
/// every flush and the state evicted up to the global watermark. What the stores hold at the
/// end must equal the brute-force reference over the plays that were not late, while the
/// state holds only what the last hours need.
/// </summary>
public class PartitionAnalyticsEvictionTests
{
    private const int Partitions = 3;
    private const long Lateness = 2 * 3600;

    private static readonly AnalyticsSettings Small = new()
    {
        ActivityWindowSeconds = 900, ActivitySlideSeconds = 300,
        TopTracksWindowSeconds = 4 * 3600, TopTracksSlideSeconds = 1800, TopN = 3,
        InterestPlays = 2, InterestWithinSeconds = 600,
    };

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var seed in new[] { 1, 7, 42 })
            foreach (var settings in new[] { "default", "small" })
                data.Add(seed, settings);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Stores_hold_the_reference_results_while_the_state_stays_bounded(int seed, string settingsName)
    {
        var settings = settingsName == "small" ? Small : AnalyticsSettings.Default;
        var log = RandomEventLog.Generate(seed, 6000);
        var random = new Random(seed);
        // Roughly in time order: each play displaced by up to 1.5 times the allowed lateness,
        // so some arrive later than allowed.
        var stream = log.Entries
            .Select(e => (Entry: e, Arrival: (e.Play?.Time ?? 0) + random.Next(0, (int)(Lateness * 3 / 2)), Partition: random.Next(Partitions)))
            .OrderBy(x => x.Arrival)
            .ToList();

        var partitions = Enumerable.Range(0, Partitions).Select(_ => new PartitionAnalytics(settings)).ToArray();
        var latest = new long?[Partitions];
        var accepted = new List<RandomEventLog.Entry>();
        var sink = new FinalResultsSink();
        long? pendingHorizon = null;
        var late = 0;
        var flushes = 0;
        for (var i = 0; i < stream.Count; i++)
        {
            var (entry, _, p) = stream[i];
            if (entry.Play is { } play)
            {
                // The rule under which the horizon is safe, decided here independently: later than
                // allowed behind the partition's own latest play.
                if (latest[p] is { } max && play.Time < max - Lateness)
                {
                    late++;
                    continue;
                }
                latest[p] = Math.Max(latest[p] ?? long.MinValue, play.Time);
            }
            accepted.Add(entry);
            log.Feed(partitions[p], [entry]);

            if (i % 150 == 149 || i == stream.Count - 1)
            {
                pendingHorizon = Flush(partitions, sink, latest, pendingHorizon);
                flushes++;
                if (flushes % 7 == 0) // a partition restored from its checkpoint now and then
                    partitions[flushes % Partitions] = RoundTrip(partitions[flushes % Partitions], settings);
            }
        }
        // One more flush applies the last horizon, as the processor does before it stops.
        Flush(partitions, sink, latest, pendingHorizon);

        Assert.InRange(late, 50, stream.Count / 5); // lateness really happened, and most plays are on time
        var reference = BruteForceReference.Compute(accepted.Select(e => e.Line), log.CustomerGenders, log.KnownTracks, new ReferenceSettings(
            settings.ActivityWindowSeconds, settings.ActivitySlideSeconds, settings.TopTracksWindowSeconds,
            settings.TopTracksSlideSeconds, settings.TopN, settings.InterestPlays, settings.InterestWithinSeconds));
        Assert.NotEmpty(reference.Interests);
        ResultsAssert.Equal(reference, sink.Contents());

        // Bounded: each partition keeps panes for about lateness + the window behind its latest play,
        // not for the whole span, and interest times only for the last lateness + interest window.
        var span = accepted.Max(e => e.Play?.Time ?? 0) - accepted.Where(e => e.Play is not null).Min(e => e.Play!.Value.Time);
        var horizon = pendingHorizon!.Value;
        foreach (var (partition, p) in partitions.Select((a, p) => (a, p)))
        {
            var footprint = partition.Footprint;
            Assert.Equal(horizon, partition.Horizon);
            var activityBound = (latest[p]!.Value - horizon + settings.ActivityWindowSeconds) / settings.ActivitySlideSeconds + 1;
            Assert.InRange(footprint.ActivityPanes, 1, activityBound);
            Assert.True(footprint.ActivityPanes < span / settings.ActivitySlideSeconds / 4, $"{footprint.ActivityPanes} activity panes over a {span}s span");
            var topBound = (latest[p]!.Value - horizon + settings.TopTracksWindowSeconds) / settings.TopTracksSlideSeconds + 1;
            Assert.InRange(footprint.TopTracksPanes, 1, topBound);
            var recentTimes = accepted.Count(e => e.Play is { } play && stream.First(s => ReferenceEquals(s.Entry, e)).Partition == p && play.Time >= horizon - settings.InterestWithinSeconds);
            Assert.InRange(footprint.StoredTimes, footprint.Pairs, footprint.Pairs + recentTimes);
        }
    }

    /// <summary>
    /// The processor's flush: evict what the previous flush made final, merge every partition,
    /// write the results, and return the horizon this flush made final (the slowest partition's
    /// latest play minus the lateness, once every partition has plays).
    /// </summary>
    private static long? Flush(PartitionAnalytics[] partitions, FinalResultsSink sink, long?[] latest, long? pendingHorizon)
    {
        if (pendingHorizon is { } h)
            foreach (var partition in partitions)
                partition.EvictBefore(h);
        var merged = new PartitionAnalytics(partitions[0].Settings);
        foreach (var partition in partitions)
            merged.Merge(partition);
        sink.Write(merged.ComputeResults());
        return latest.All(t => t.HasValue) ? latest.Min()!.Value - Lateness : pendingHorizon;
    }

    private static PartitionAnalytics RoundTrip(PartitionAnalytics analytics, AnalyticsSettings settings)
    {
        using var buffer = new MemoryStream();
        analytics.WriteSnapshot(buffer);
        buffer.Position = 0;
        var restored = PartitionAnalytics.ReadSnapshot(buffer, settings);
        Assert.Equal(analytics.Horizon, restored.Horizon);
        Assert.Equal(analytics.Footprint, restored.Footprint);
        return restored;
    }
}
