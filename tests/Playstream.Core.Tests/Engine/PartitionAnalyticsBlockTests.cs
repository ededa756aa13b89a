using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

/// <summary>
/// <see cref="PartitionAnalytics.AddBlock"/>: blocks of any size, in any order, give what the
/// brute-force reference gives, and the same state (results, breakdowns, snapshots) as adding
/// the plays one by one.
/// </summary>
public class PartitionAnalyticsBlockTests
{
    public static TheoryData<int, int, string> Cases()
    {
        var data = new TheoryData<int, int, string>();
        foreach (var seed in new[] { 1, 2, 42 })
            foreach (var capacity in new[] { 1, 7, 500, 100_000 })
                data.Add(seed, capacity, seed == 2 ? "small" : "default");
        return data;
    }

    private static AnalyticsSettings SettingsNamed(string name) => name switch
    {
        "small" => new AnalyticsSettings
        {
            ActivityWindowSeconds = 900, ActivitySlideSeconds = 300,
            // A top-tracks slide that is not a multiple of the activity slide: the block's pane order is not its order.
            TopTracksWindowSeconds = 4 * 3500, TopTracksSlideSeconds = 3500, TopN = 3,
            InterestPlays = 2, InterestWithinSeconds = 120,
        },
        _ => AnalyticsSettings.Default,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Blocks_of_shuffled_plays_equal_the_brute_force_reference(int seed, int capacity, string settingsName)
    {
        var settings = SettingsNamed(settingsName);
        var log = RandomEventLog.Generate(seed, 3000);
        var expected = log.Reference(settings);
        Assert.NotEmpty(expected.Interests);
        Assert.True(expected.Summary.DeadLetters > 0 && expected.Summary.UnknownCustomers > 0 && expected.Summary.UnknownTracks > 0);
        var random = new Random(seed);
        var shuffled = log.Entries.OrderBy(_ => random.Next()).ToList();

        var analytics = new PartitionAnalytics(settings);
        log.FeedBlocks(analytics, shuffled, capacity);

        ResultsAssert.Equal(expected, analytics.ComputeResults());
        Assert.Equal(expected.Summary.Events, analytics.Events);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(5000)]
    public void Blocks_leave_the_same_state_as_plays_added_one_by_one(int capacity)
    {
        var settings = AnalyticsSettings.Default;
        var log = RandomEventLog.Generate(5, 4000);
        var byTimeDescending = log.Entries.OrderByDescending(e => e.Play?.Time ?? 0).ToList();
        var oneByOne = new PartitionAnalytics(settings);
        log.FeedWithLookups(oneByOne, log.Entries);
        var blocks = new PartitionAnalytics(settings);
        log.FeedBlocks(blocks, byTimeDescending, capacity);

        ResultsAssert.Equal(oneByOne.ComputeResults(), blocks.ComputeResults());
        Assert.Equal(oneByOne.ComputeBreakdowns().Panes, blocks.ComputeBreakdowns().Panes);
        Assert.Equal(oneByOne.ComputeBreakdowns().Zips, blocks.ComputeBreakdowns().Zips);
        Assert.Equal(oneByOne.MaxEventTime, blocks.MaxEventTime);
        // Which play times a detected pair keeps depends on the order they came in, not its panes and pairs.
        Assert.Equal(oneByOne.Footprint with { StoredTimes = 0 }, blocks.Footprint with { StoredTimes = 0 });

        // A snapshot of the block-fed state restores to the same results, and goes on one play at a time.
        using var stream = new MemoryStream();
        blocks.WriteSnapshot(stream);
        stream.Position = 0;
        var restored = PartitionAnalytics.ReadSnapshot(stream, settings);
        var extra = log.Entries.Take(300).ToList();
        log.FeedWithLookups(restored, extra);
        log.FeedWithLookups(oneByOne, extra);
        ResultsAssert.Equal(oneByOne.ComputeResults(), restored.ComputeResults());
    }

    [Fact]
    public void A_block_spanning_decades_is_sorted_by_comparison_and_counts_every_play()
    {
        // Panes from 1970 to 2090 are far more than a counting sort's range.
        var lookups = LookupTables.Empty();
        var block = new PlayBlock(16);
        long[] times = [4_000_000_000, 0, 1_413_000_000, 300, 4_000_000_299, 1_413_000_001];
        foreach (var time in times)
            block.Add(new PlayEvent(0, 1, 2, time, time % 2 == 0), ReadOnlySpan<byte>.Empty, lookups);
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.AddBlock(block);

        var activity = analytics.ComputeResults().Activity;
        // Panes {0, 1}, {4,710,000} and {13,333,333, 13,333,334}: two neighbouring panes are in 7 windows, one alone in 6.
        Assert.Equal(7 + 6 + 7, activity.Count);
        Assert.Equal(times.Length * 6, activity.Sum(w => w.Plays));
        Assert.Equal(times.Max(), analytics.MaxEventTime);
    }

    [Fact]
    public void Dead_letters_counted_into_a_block_reach_the_summary()
    {
        var block = new PlayBlock(4);
        block.CountDeadLetter(DeadLetterReason.BadDatetime);
        block.CountDeadLetter(DeadLetterReason.BadDatetime);
        block.CountDeadLetter(DeadLetterReason.FieldCount);
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.AddBlock(block);

        var summary = analytics.ComputeResults().Summary;
        Assert.Equal(0, summary.Events);
        Assert.Equal(3, summary.DeadLetters);
        Assert.Equal(2, summary.DeadLettersByReason["bad_datetime"]);
        Assert.Equal(1, summary.DeadLettersByReason["field_count"]);
    }
}
