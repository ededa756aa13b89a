using Playstream.Core.Engine;
using Playstream.Core.Streaming.Partials;

namespace Playstream.Core.Tests.Streaming.Partials;

public sealed class WindowOwnersTests
{
    private const int Day = 86_400;

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(Day - 1L, 0)]
    [InlineData(Day, 1)]
    [InlineData(2L * Day + 5, 2)]
    [InlineData(3L * Day, 0)]    // the days dealt round the three partitions
    [InlineData(-1L, 2)]         // the day before the epoch is day -1
    [InlineData(-1L * Day, 2)]
    [InlineData(-Day - 1L, 1)]
    public void A_window_belongs_to_the_day_it_starts_in_dealt_round_the_partitions(long start, int owner)
    {
        Assert.Equal(owner, new WindowOwners(AnalyticsSettings.Default, 3).OwnerOf(start));
    }

    [Fact]
    public void With_one_partition_it_owns_everything()
    {
        var owners = new WindowOwners(AnalyticsSettings.Default, 1);
        Assert.All(new long[] { -5 * Day, -1, 0, 12345, 40 * Day + 7 }, start => Assert.Equal(0, owners.OwnerOf(start)));
        Assert.Equal([0], owners.TopTracksOwnersOfPane(10 * Day));
    }

    public static TheoryData<int, int, int> Layouts() => new()
    {
        { 3, 1800, 300 },       // activity: 30-minute windows every 5 minutes
        { 4, 1800, 300 },
        { 2, 3600, 60 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void A_panes_activity_owners_are_those_of_every_window_holding_it(int partitions, int window, int slide)
    {
        var owners = new WindowOwners(AnalyticsSettings.Default, partitions);
        var perWindow = window / slide;
        // Panes on both sides of several day boundaries, the epoch's included.
        for (var pane = -3L * Day / slide; pane < 4L * Day / slide; pane += 7)
        {
            var expected = new HashSet<int>();
            for (var first = pane - perWindow + 1; first <= pane; first++)
                expected.Add(owners.OwnerOf(first * slide));
            var (earliest, latest) = owners.ActivityOwnersOfPane(pane, perWindow, slide);
            Assert.Equal(expected.Order(), new HashSet<int> { earliest, latest }.Order());
        }
    }

    [Theory]
    [InlineData(3, 30 * 3600, 3600)]    // the contract's top tracks: 30 hours every hour
    [InlineData(4, 30 * 3600, 3600)]
    [InlineData(5, 50 * 3600, 1800)]    // windows over three days
    [InlineData(2, 4 * 3600, 1800)]
    public void A_panes_top_tracks_owners_are_those_of_every_window_holding_it(int partitions, int window, int slide)
    {
        var settings = AnalyticsSettings.Default with { TopTracksWindowSeconds = window, TopTracksSlideSeconds = slide };
        var owners = new WindowOwners(settings, partitions);
        for (var paneStart = -2L * Day; paneStart < 5L * Day; paneStart += slide * 3L)
        {
            var expected = new HashSet<int>();
            for (var start = paneStart - window + slide; start <= paneStart; start += slide)
                expected.Add(owners.OwnerOf(start));
            var actual = owners.TopTracksOwnersOfPane(paneStart);
            Assert.Equal(actual.Count, actual.Distinct().Count());
            Assert.Equal(expected.Order(), actual.Order());
        }
    }
}
