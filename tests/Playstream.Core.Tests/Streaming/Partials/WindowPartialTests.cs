using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Streaming.Partials;

namespace Playstream.Core.Tests.Streaming.Partials;

public sealed class WindowPartialTests
{
    private const int Day = 86_400;
    private static readonly byte Female = GenderCodes.Slot("F");
    private static readonly byte Male = GenderCodes.Slot("M");

    /// <summary>A partial with something in every part, its panes and windows on both sides of day boundaries.</summary>
    private static WindowPartial Full(AnalyticsSettings settings)
    {
        var partial = new WindowPartial();
        var perDay = Day / settings.ActivitySlideSeconds;
        foreach (var day in new[] { 1L, 2L })
            for (var pane = day * perDay - 8; pane < day * perDay + 4; pane++)
            {
                partial.Activity.AddPane(pane, 1 + pane % 7, pane % 2);
                if (pane % 3 == 0)
                    partial.Activity.AddListeners(pane, 1 + pane % 5);
            }
        var hoursPerDay = Day / settings.TopTracksSlideSeconds;
        foreach (var pane in Enumerable.Range(hoursPerDay - 3, 6).Concat(Enumerable.Range(2 * hoursPerDay + 5, 3)))
            partial.Tracks.Add(new WindowPartial.TrackCount(pane, pane % 2 == 0 ? Female : Male, pane % 4, pane));
        partial.Tracks.Add(new WindowPartial.TrackCount(hoursPerDay, GenderCodes.UnknownSlot, 99, 2));
        foreach (var pane in new[] { perDay - 1, perDay, 2 * perDay + 2 })
        {
            var counts = new PaneBreakdown();
            counts.Add(Female, 2, 3, pane % 4 + 1);
            counts.Add(Male, 0, 7, 2);
            partial.Panes.Add((pane, counts));
        }
        partial.Zips.Add((2134, 6));
        partial.Zips.Add((-1, 2));
        partial.NewTracks.AddRange([3, 1, 4]);
        partial.NewMobileTracks.Add(1);
        partial.Counters.CountEvent(customerKnown: true, trackKnown: false);
        partial.Counters.CountEvent(customerKnown: false, trackKnown: true);
        partial.Counters.CountDeadLetter(DeadLetterReason.FieldCount);
        partial.Counters.ObserveTime(2L * Day + 77);
        partial.ProfileSums.Add([4, 1, 1, 1, 1, 2], 3, 1);
        partial.ProfileSums.Add([3, 0, 3, 0, 0, 0], 1, 1);
        return partial;
    }

    private static List<(long, long, long)> Panes(WindowPartial p) => [.. p.Activity.PaneCounts().Order()];
    private static List<(long, long)> Listeners(WindowPartial p) => [.. p.Activity.ListenerCounts().Order()];

    private static List<(long Pane, string Counts)> Breakdowns(WindowPartial p) =>
        [.. p.Panes.Select(x => (x.Pane, $"{string.Join(' ', x.Counts.Genders.ToArray().Select((n, g) => (n, g)).Where(c => c.n != 0))} | {string.Join(' ', x.Counts.Levels.ToArray())} | {string.Join(' ', x.Counts.Ages.ToArray())}"))];

    private static void AssertSummariesEqual(Core.Results.RunSummary expected, Core.Results.RunSummary actual)
    {
        Assert.Equal((expected.Events, expected.DeadLetters, expected.UnknownCustomers, expected.UnknownTracks),
            (actual.Events, actual.DeadLetters, actual.UnknownCustomers, actual.UnknownTracks));
        Assert.Equal(expected.DeadLettersByReason, actual.DeadLettersByReason);
    }

    [Fact]
    public void A_partial_read_back_from_its_bytes_holds_what_was_written()
    {
        var partial = Full(AnalyticsSettings.Default);

        var read = WindowPartial.FromBytes(partial.ToBytes());

        Assert.True(read.HasGlobals);
        Assert.Equal(Panes(partial), Panes(read));
        Assert.Equal(Listeners(partial), Listeners(read));
        Assert.Equal(partial.Tracks, read.Tracks);
        Assert.Equal(Breakdowns(partial), Breakdowns(read));
        Assert.Equal(partial.Zips, read.Zips);
        Assert.Equal([3, 1, 4], read.NewTracks);
        Assert.Equal([1], read.NewMobileTracks);
        AssertSummariesEqual(partial.Counters.ToSummary(), read.Counters.ToSummary());
        Assert.Equal(2L * Day + 77, read.Counters.MaxEventTime);
        Assert.Equal(partial.ProfileSums.ToSummary(), read.ProfileSums.ToSummary());
        Assert.Equal(2, read.ProfileSums.Customers);
    }

    [Fact]
    public void An_empty_partial_reads_back_empty()
    {
        var read = WindowPartial.FromBytes(new WindowPartial().ToBytes());

        Assert.Empty(read.Activity.PaneCounts());
        Assert.Empty(read.Tracks);
        Assert.Empty(read.Panes);
        Assert.Equal(0, read.Counters.ToSummary().Events);
        Assert.Equal(0, read.ProfileSums.Customers);
    }

    [Fact]
    public void Every_truncation_of_a_partial_is_an_invalid_data_exception()
    {
        var bytes = Full(AnalyticsSettings.Default).ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => WindowPartial.FromBytes(bytes[..length]));
            Assert.Equal("a partial is truncated or damaged", e.Message);
        }
    }

    [Fact]
    public void A_partial_of_another_format_is_an_invalid_data_exception()
    {
        var bytes = new WindowPartial().ToBytes();
        bytes[0] = 1;

        var e = Assert.Throws<InvalidDataException>(() => WindowPartial.FromBytes(bytes));
        Assert.Equal("a partial of an unknown format", e.Message);
    }

    [Fact]
    public void A_partial_naming_a_gender_slot_it_does_not_carry_is_an_invalid_data_exception()
    {
        var partial = new WindowPartial { Tracks = { new WindowPartial.TrackCount(100, Female, 1, 1) } };
        var bytes = partial.ToBytes();
        // The track's gender byte follows its pane (100, one byte; no slot or count here is as large).
        var gender = Array.IndexOf(bytes, (byte)100) + 1;
        Assert.Equal(Female, bytes[gender]);
        bytes[gender] = (byte)(Female + 1);

        Assert.Throws<InvalidDataException>(() => WindowPartial.FromBytes(bytes));
    }

    public static TheoryData<byte[]> DamagedCounts() => new()
    {
        // The activity's pane count as a 7-bit number that never ends.
        new byte[] { 2, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0 },
        // As many activity panes as an int holds, in a partial of a few bytes.
        new byte[] { 2, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0 },
        // Empty activity, no gender codes, then as many tracks as an int holds.
        new byte[] { 2, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0 },
        // A gender code whose length is negative.
        new byte[] { 2, 1, 0, 0, 1, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0 },
    };

    [Theory]
    [MemberData(nameof(DamagedCounts))]
    public void A_damaged_count_is_an_invalid_data_exception(byte[] bytes)
    {
        var e = Assert.Throws<InvalidDataException>(() => WindowPartial.FromBytes(bytes));
        Assert.Equal("a partial is truncated or damaged", e.Message);
    }

    public static TheoryData<int> PartitionCounts() => [1, 2, 3, 5];

    [Theory]
    [MemberData(nameof(PartitionCounts))]
    public void Each_part_goes_to_the_owners_of_the_windows_it_counts_in(int partitions)
    {
        var settings = AnalyticsSettings.Default;
        var owners = new WindowOwners(settings, partitions);
        var partial = Full(settings);
        var slide = settings.ActivitySlideSeconds;
        var perWindow = settings.ActivityWindowSeconds / slide;

        var parts = partial.SplitByOwner(owners, settings);

        // Worked out window by window: a pane goes to the owner of every window that holds it.
        HashSet<int> ActivityOwners(long pane) =>
            [.. Enumerable.Range(0, perWindow).Select(k => owners.OwnerOf((pane - k) * slide))];
        HashSet<int> TopOwners(long pane)
        {
            var start = pane * settings.TopTracksSlideSeconds;
            var set = new HashSet<int>();
            for (var first = start - settings.TopTracksWindowSeconds + settings.TopTracksSlideSeconds; first <= start; first += settings.TopTracksSlideSeconds)
                set.Add(owners.OwnerOf(first));
            return set;
        }
        var expectedOwners = new HashSet<int> { WindowOwners.GlobalOwner };
        foreach (var (pane, _, _) in partial.Activity.PaneCounts())
            expectedOwners.UnionWith(ActivityOwners(pane));
        foreach (var track in partial.Tracks)
            expectedOwners.UnionWith(TopOwners(track.Pane));
        Assert.Equal(expectedOwners.Order(), parts.Keys.Order());
        Assert.True(partitions == 1 || parts.Count > 1, "the data spans days, so more than one owner merges it");

        foreach (var (owner, part) in parts)
        {
            Assert.Equal(Panes(partial).Where(p => ActivityOwners(p.Item1).Contains(owner)), Panes(part));
            Assert.Equal(Listeners(partial).Where(l => owners.OwnerOf(l.Item1 * slide) == owner), Listeners(part));
            Assert.Equal(partial.Tracks.Where(t => TopOwners(t.Pane).Contains(owner)), part.Tracks);
            Assert.Equal(Breakdowns(partial).Where(b => owners.OwnerOf(b.Pane * slide) == owner), Breakdowns(part));
            Assert.Equal(owner == WindowOwners.GlobalOwner, part.HasGlobals);
        }
        var global = parts[WindowOwners.GlobalOwner];
        Assert.Equal(partial.Zips, global.Zips);
        Assert.Equal(partial.NewTracks, global.NewTracks);
        Assert.Equal(partial.NewMobileTracks, global.NewMobileTracks);
        AssertSummariesEqual(partial.Counters.ToSummary(), global.Counters.ToSummary());
        Assert.Equal(partial.ProfileSums.ToSummary(), global.ProfileSums.ToSummary());
        Assert.All(parts.Where(p => p.Key != WindowOwners.GlobalOwner).Select(p => p.Value),
            part => Assert.True(part.Zips.Count == 0 && part.NewTracks.Count == 0 && part.Counters.ToSummary().Events == 0));
        // Every listener count goes to one owner only: summed over the parts they are the partial's.
        Assert.Equal(Listeners(partial), parts.Values.SelectMany(Listeners).Order());
    }

    [Fact]
    public void A_part_without_the_globals_reads_back_without_them()
    {
        var settings = AnalyticsSettings.Default;
        var parts = Full(settings).SplitByOwner(new WindowOwners(settings, 3), settings);
        var (owner, part) = parts.First(p => p.Key != WindowOwners.GlobalOwner);

        var read = WindowPartial.FromBytes(part.ToBytes());

        Assert.False(read.HasGlobals);
        Assert.Equal(Panes(part), Panes(read));
        Assert.Equal(part.Tracks, read.Tracks);
        Assert.Equal(Breakdowns(part), Breakdowns(read));
        Assert.NotEqual(WindowOwners.GlobalOwner, owner);
    }

    [Fact]
    public void A_partial_of_counts_alone_goes_to_the_global_owner_alone()
    {
        var partial = new WindowPartial();
        partial.Counters.CountDeadLetter(DeadLetterReason.BadDatetime);

        var parts = partial.SplitByOwner(new WindowOwners(AnalyticsSettings.Default, 4), AnalyticsSettings.Default);

        var (owner, part) = Assert.Single(parts);
        Assert.Equal(WindowOwners.GlobalOwner, owner);
        Assert.Equal(1, part.Counters.ToSummary().DeadLetters);
    }
}
