namespace Playstream.Core.Windows;

/// <summary>
/// Pane arithmetic for epoch-aligned sliding windows. A pane is one slide long; a window
/// of <c>size</c> seconds is <c>size / slide</c> consecutive panes, so a play belongs to
/// exactly one pane and to every window that covers that pane.
/// </summary>
public static class PaneMath
{
    /// <summary>The pane holding time <paramref name="time"/>: floor(time / slide), also for times before 1970.</summary>
    public static long PaneOf(long time, int slide)
    {
        var pane = time / slide;
        // Integer division truncates toward zero; a negative time with a remainder belongs to the pane below.
        return time < 0 && pane * slide != time ? pane - 1 : pane;
    }

    /// <summary>The start time of a pane (and of the window that begins with it).</summary>
    public static long StartOf(long pane, int slide) => pane * slide;
}
