using Playstream.Core.Engine;

namespace Playstream.Core.Tests.Engine;

public class PartitionAnalyticsEvictBeforeTests
{
    private static readonly AnalyticsSettings Settings = new()
    {
        ActivityWindowSeconds = 900, ActivitySlideSeconds = 300,
        TopTracksWindowSeconds = 1800, TopTracksSlideSeconds = 900, TopN = 3,
        InterestPlays = 3, InterestWithinSeconds = 600,
    };

    [Fact]
    public void Windows_ending_by_the_horizon_leave_the_results_and_their_panes_the_state()
    {
        var analytics = new PartitionAnalytics(Settings);
        // One play in each 5-minute pane from 0 to 1500 s (six panes).
        for (var t = 0; t <= 1500; t += 300)
            analytics.Add(new Playstream.Core.Events.PlayEvent(t, 1, 2, t, false), 0, true, true);
        Assert.Equal(6, analytics.Footprint.ActivityPanes);
        Assert.Equal(8, analytics.ComputeResults().Activity.Count); // windows starting -600 .. 1500

        analytics.EvictBefore(1500);

        // Windows ending after 1500 start at 900 or later: panes 900, 1200, 1500 remain.
        Assert.Equal(3, analytics.Footprint.ActivityPanes);
        Assert.Equal([900L, 1200, 1500], analytics.ComputeResults().Activity.Select(w => w.WindowStart));
        Assert.All(analytics.ComputeResults().Activity, w => Assert.Equal(w.WindowStart == 900 ? 3 : w.WindowStart == 1200 ? 2 : 1, w.Plays));
        // Top tracks: 30-minute windows by 15 minutes; windows ending after 1500 start at 0 (ends 1800) or later.
        Assert.Equal([0L, 900], analytics.ComputeResults().TopTracks.Select(w => w.WindowStart));
        // Counters are not evicted.
        Assert.Equal(6, analytics.ComputeResults().Summary.Events);
        Assert.Equal(1500, analytics.Horizon);
    }

    [Fact]
    public void A_horizon_never_moves_back_and_a_merge_takes_the_furthest()
    {
        var a = new PartitionAnalytics(Settings);
        var b = new PartitionAnalytics(Settings);
        a.EvictBefore(3000);
        a.EvictBefore(1000);
        b.EvictBefore(2000);
        Assert.Equal(3000, a.Horizon);
        b.Merge(a);
        Assert.Equal(3000, b.Horizon);
    }
}
