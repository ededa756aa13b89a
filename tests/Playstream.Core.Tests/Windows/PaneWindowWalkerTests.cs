using Playstream.Core.Windows;

namespace Playstream.Core.Tests.Windows;

public class PaneWindowWalkerTests
{
    private static List<(long Start, long[] Panes)> Walk(long[] panes, int perWindow)
    {
        var inside = new SortedSet<long>();
        var windows = new List<(long, long[])>();
        PaneWindowWalker.Walk(panes, perWindow,
            enter: i => Assert.True(inside.Add(panes[i])),
            leave: i => Assert.True(inside.Remove(panes[i])),
            emit: start => windows.Add((start, inside.ToArray())));
        return windows;
    }

    [Fact]
    public void One_pane_is_in_as_many_windows_as_panes_per_window()
    {
        var windows = Walk([10], 3);
        Assert.Equal(new long[] { 8, 9, 10 }, windows.Select(w => w.Start));
        Assert.All(windows, w => Assert.Equal(new long[] { 10 }, w.Panes));
    }

    [Fact]
    public void Windows_hold_exactly_the_panes_they_cover_and_gaps_are_jumped()
    {
        var windows = Walk([0, 1, 10], 2);
        Assert.Equal(new long[] { -1, 0, 1, 9, 10 }, windows.Select(w => w.Start));
        Assert.Equal(new long[] { 0 }, windows[0].Panes);
        Assert.Equal(new long[] { 0, 1 }, windows[1].Panes);
        Assert.Equal(new long[] { 1 }, windows[2].Panes);
        Assert.Equal(new long[] { 10 }, windows[3].Panes);
        Assert.Equal(new long[] { 10 }, windows[4].Panes);
    }

    [Fact]
    public void No_panes_no_windows() => Assert.Empty(Walk([], 6));
}
