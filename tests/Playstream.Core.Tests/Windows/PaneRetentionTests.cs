using Playstream.Core.Windows;

namespace Playstream.Core.Tests.Windows;

public class PaneRetentionTests
{
    [Theory]
    // 30-minute windows sliding by 5 minutes: at horizon 10:00 (36000 s) the first window not yet final
    // starts at 09:35 (ends 10:05), so panes from 09:35 (pane 115) on are needed.
    [InlineData(36_000, 1800, 300, 115)]
    // A horizon inside a pane: 10:02 still needs the window 09:35-10:05, so the same first pane.
    [InlineData(36_120, 1800, 300, 115)]
    // Before 1970 the arithmetic floors: horizon -100 s, windows of 600 s by 300 s: the window [-600, 0) ends after -100, so pane -2 is needed.
    [InlineData(-100, 600, 300, -2)]
    public void First_needed_pane_is_the_first_of_the_earliest_window_ending_after_the_horizon(long horizon, int window, int slide, long expected) =>
        Assert.Equal(expected, PaneRetention.FirstNeeded(horizon, window, slide));

    [Fact]
    public void A_window_ending_at_the_horizon_is_final_and_one_ending_after_it_is_not()
    {
        Assert.False(PaneRetention.IsComplete(36_000, 36_000));
        Assert.True(PaneRetention.IsComplete(36_001, 36_000));
        Assert.True(PaneRetention.IsComplete(0, null));
    }
}
