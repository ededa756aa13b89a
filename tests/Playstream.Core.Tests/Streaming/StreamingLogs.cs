using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Streaming;
using Playstream.Core.Tests.Engine;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming;

/// <summary>Random logs (<see cref="RandomEventLog"/>) and the lookups and drivers the streaming tests run them through.</summary>
internal static class StreamingLogs
{
    public static AnalyticsSettings Small { get; } = new()
    {
        ActivityWindowSeconds = 900, ActivitySlideSeconds = 300,
        TopTracksWindowSeconds = 4 * 3600, TopTracksSlideSeconds = 1800, TopN = 3,
        InterestPlays = 2, InterestWithinSeconds = 120,
    };

    public static LookupTables Lookups(RandomEventLog log)
    {
        var customers = new CustomerTable();
        foreach (var (id, gender) in log.CustomerGenders)
            customers.Set(new Customer(id, $"customer {id}", gender, "", "", "", "1", (id % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), "", "", (20 + id % 50).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var tracks = new TrackTable();
        foreach (var id in log.KnownTracks)
            tracks.Set(new Track(id, $"track {id}", "artist", 200));
        return new LookupTables(customers, tracks);
    }

    /// <summary>A driver whose tasks compact their logs after a few kilobytes, so restores read snapshots and logs both.</summary>
    public static TopologyTestDriver Driver(RandomEventLog log, AnalyticsSettings settings, int partitions = 6, int seed = 1, long? allowedLatenessSeconds = null, long compactAfterBytes = 4096) =>
        new(new TopologySettings
        {
            Topic = "plays", Partitions = partitions, Analytics = settings, AllowedLatenessSeconds = allowedLatenessSeconds,
            CompactionMinimumBytes = compactAfterBytes,
        }, Lookups(log), seed);

    public static IEnumerable<string> Lines(RandomEventLog log) => log.Entries.Select(e => e.Line);
}
