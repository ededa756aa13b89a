namespace Playstream.Core.Windows;

/// <summary>
/// Which panes an endless stream must still keep once every window ending at or before a
/// horizon is final: a pane is needed while some window containing it ends after the horizon.
/// </summary>
public static class PaneRetention
{
    /// <summary>
    /// The first pane still needed: the latest window containing pane p starts at p's start and
    /// ends <paramref name="window"/> seconds later, so p is needed when p * slide + window &gt; horizon.
    /// </summary>
    public static long FirstNeeded(long horizon, int window, int slide) => PaneMath.PaneOf(horizon - window, slide) + 1;

    /// <summary>Whether a window ending at <paramref name="windowEnd"/> is still computed from whole panes.</summary>
    public static bool IsComplete(long windowEnd, long? horizon) => horizon is not { } h || windowEnd > h;
}
