using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

/// <summary>Runs alone: the block test counts the bytes every thread allocates, so other tests must not run beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCollection
{
    public const string Name = "allocation";
}

[Collection(AllocationCollection.Name)]
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

    /// <summary>
    /// Blocks allocate per block (the tasks that run the operators side by side), never per play:
    /// once warm, a pass of 10,000-play blocks allocates a few kilobytes per block at most.
    /// </summary>
    [Fact]
    public void AddBlock_allocates_per_block_not_per_play_after_warm_up()
    {
        var random = new Random(11);
        var start = Utc.Seconds("2014-10-20 00:00:00");
        var lookups = LookupTables.Empty();
        for (var c = 0; c < 200; c += 2)
            lookups.Customers.Set(new Customer(c, "n", (c % 4 == 0) ? "0" : "1", "", "", "", "1", "1", "", "", "30"));
        var plays = new List<PlayEvent>();
        for (var customer = 0; customer < 200; customer++)
            for (var track = customer % 7; track < 140; track += 7)
            {
                var first = start + random.Next(3 * 86_400);
                for (var i = 0; i < 3; i++)
                    plays.Add(new PlayEvent(0, customer, track, first, false));
                for (var i = 0; i < 22; i++)
                    plays.Add(new PlayEvent(0, customer, track, first + random.Next(86_400), random.Next(2) == 0));
            }
        var shuffled = plays.OrderBy(_ => random.Next()).ToList();
        const int capacity = 10_000;
        var block = new PlayBlock(capacity);
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        var blocks = 0;
        void AddAll()
        {
            foreach (var play in shuffled)
            {
                block.Add(play, "12345"u8, lookups);
                if (block.IsFull)
                {
                    analytics.AddBlock(block);
                    block.Clear();
                    blocks++;
                }
            }
        }

        AddAll();
        AddAll();
        AddAll();
        blocks = 0;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        AddAll();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(blocks >= 10);
        Assert.True(allocated < blocks * 8192L, $"{allocated} bytes allocated for {blocks} blocks of {capacity} plays");
        Assert.Equal(4L * blocks * capacity, analytics.Events);
    }
}
