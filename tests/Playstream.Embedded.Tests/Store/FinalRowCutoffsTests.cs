using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Tests.Store;

public sealed class FinalRowCutoffsTests
{
    private const long Noon = 1_412_164_800; // 2014-10-01 12:00:00 UTC

    [Fact]
    public void A_state_never_evicted_has_no_final_rows()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.Add(new PlayEvent(0, 1, 2, Noon, false), LookupTables.Empty());
        Assert.Null(FinalRowCutoffs.Of(analytics));
    }

    [Fact]
    public void Windows_ending_by_the_horizon_and_panes_no_window_after_it_needs_are_final()
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.Add(new PlayEvent(0, 1, 2, Noon + 7200, false), LookupTables.Empty());
        analytics.EvictBefore(Noon);
        // A 5-minute pane is still needed while a 30-minute window holding it ends after noon:
        // the window starting 11:30 ends at noon, so the first pane needed starts at 11:35.
        Assert.Equal(new FinalRowCutoffs(Noon, Noon - 25 * 60), FinalRowCutoffs.Of(analytics));
    }
}
