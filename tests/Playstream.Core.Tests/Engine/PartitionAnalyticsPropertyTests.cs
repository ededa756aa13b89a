using Playstream.Core.Engine;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Engine;

/// <summary>
/// The engine against the brute-force reference on random logs, and the invariances the
/// contract demands: any order, any split into partitions, snapshots mid-way.
/// </summary>
public class PartitionAnalyticsPropertyTests
{
    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var seed in new[] { 1, 2, 3, 42 })
            foreach (var settings in new[] { "default", "small" })
                data.Add(seed, settings);
        return data;
    }

    private static AnalyticsSettings SettingsNamed(string name) => name switch
    {
        "small" => new AnalyticsSettings
        {
            ActivityWindowSeconds = 900, ActivitySlideSeconds = 300,
            TopTracksWindowSeconds = 4 * 3600, TopTracksSlideSeconds = 1800, TopN = 3,
            InterestPlays = 2, InterestWithinSeconds = 120,
        },
        _ => AnalyticsSettings.Default,
    };

    private static PartitionAnalytics Run(RandomEventLog log, AnalyticsSettings settings, IEnumerable<RandomEventLog.Entry> entries)
    {
        var analytics = new PartitionAnalytics(settings);
        log.Feed(analytics, entries);
        return analytics;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_equals_the_brute_force_reference(int seed, string settingsName)
    {
        var settings = SettingsNamed(settingsName);
        var log = RandomEventLog.Generate(seed, 3000);
        var expected = log.Reference(settings);
        Assert.NotEmpty(expected.Interests); // the log is built to have some
        Assert.True(expected.Summary.UnknownCustomers > 0 && expected.Summary.UnknownTracks > 0 && expected.Summary.DeadLetters > 0);
        ResultsAssert.Equal(expected, Run(log, settings, log.Entries).ComputeResults());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shuffled_input_gives_identical_results(int seed, string settingsName)
    {
        var settings = SettingsNamed(settingsName);
        var log = RandomEventLog.Generate(seed, 3000);
        var inOrder = Run(log, settings, log.Entries).ComputeResults();
        var random = new Random(seed + 100);
        var shuffled = log.Entries.OrderBy(_ => random.Next()).ToList();
        var byTime = log.Entries.OrderByDescending(e => e.Play?.Time ?? 0).ToList();
        ResultsAssert.Equal(inOrder, Run(log, settings, shuffled).ComputeResults());
        ResultsAssert.Equal(inOrder, Run(log, settings, byTime).ComputeResults());
        // Identical means identical: the means are summed in customer order, so even their bits agree.
        Assert.Equal(inOrder.ProfileSummary, Run(log, settings, shuffled).ComputeResults().ProfileSummary);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Three_partitions_merged_equal_one(int seed, string settingsName)
    {
        var settings = SettingsNamed(settingsName);
        var log = RandomEventLog.Generate(seed, 3000);
        var whole = Run(log, settings, log.Entries).ComputeResults();
        var random = new Random(seed);
        var splits = new Func<RandomEventLog.Entry, int>[]
        {
            e => e.Play is { } p ? p.CustomerId % 3 : 0, // keyed by customer, as the shipper does
            _ => random.Next(3),                          // and at random, sharing customers
        };
        foreach (var split in splits)
        {
            var groups = log.Entries.GroupBy(split).Select(g => g.ToList()).ToList();
            var partitions = groups.Select(g => Run(log, settings, g)).ToList();
            var lastBefore = partitions[^1].ComputeResults();
            var merged = partitions[0];
            foreach (var partition in partitions.Skip(1))
                merged.Merge(partition);
            ResultsAssert.Equal(whole, merged.ComputeResults());
            ResultsAssert.Equal(lastBefore, partitions[^1].ComputeResults()); // the merged-in side is unchanged
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Snapshot_restore_and_continue_equals_one_run(int seed, string settingsName)
    {
        var settings = SettingsNamed(settingsName);
        var log = RandomEventLog.Generate(seed, 3000);
        var whole = Run(log, settings, log.Entries).ComputeResults();
        var half = log.Entries.Count / 2;
        var first = Run(log, settings, log.Entries.Take(half));

        using var stream = new MemoryStream();
        first.WriteSnapshot(stream);
        stream.Position = 0;
        var restored = PartitionAnalytics.ReadSnapshot(stream, settings);
        ResultsAssert.Equal(first.ComputeResults(), restored.ComputeResults());

        log.Feed(restored, log.Entries.Skip(half));
        ResultsAssert.Equal(whole, restored.ComputeResults());
        Assert.Equal(whole.Summary.Events, restored.Events);
    }
}
