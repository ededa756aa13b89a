using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

public class PartitionAnalyticsAllocationTests
{
    /// <summary>
    /// Once the key space (panes, customers, tracks, pairs) has been seen and every pair has
    /// been detected as an interest (so no more play times need storing), adding plays must
    /// not allocate at all: no boxing, no per-play objects, no hidden collections.
    /// </summary>
    [Fact]
    public void Add_allocates_nothing_per_play_after_warm_up()
    {
        var random = new Random(7);
        var start = Utc.Seconds("2014-10-20 00:00:00");
        var plays = new List<PlayEvent>();
        // Each pair opens with three plays at its earliest second: detected there, so later plays are not stored.
        for (var customer = 0; customer < 200; customer++)
            for (var track = customer % 7; track < 140; track += 7)
            {
                var first = start + random.Next(3 * 86_400);
                for (var i = 0; i < 3; i++)
                    plays.Add(new PlayEvent(0, customer, track, first, false));
                for (var i = 0; i < 22; i++)
                    plays.Add(new PlayEvent(0, customer, track, first + random.Next(86_400), random.Next(2) == 0));
            }
        Assert.True(plays.Count >= 100_000);
        var slots = new[] { GenderCodes.UnknownSlot, GenderCodes.Slot("0"), GenderCodes.Slot("1") };

        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        void AddAll()
        {
            foreach (var play in plays)
                analytics.Add(play, slots[play.CustomerId % 3], customerKnown: play.CustomerId % 3 != 0, trackKnown: play.TrackId < 100);
        }

        // Three passes let every growable array reach its steady size for this key space.
        AddAll();
        AddAll();
        AddAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        AddAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1024, $"{allocated} bytes allocated for {plays.Count} plays");
        Assert.Equal(4L * plays.Count, analytics.Events);
    }
}
