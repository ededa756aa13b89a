using System.Runtime.CompilerServices;
namespace Playstream.Core.Windows;

/// <summary>
/// Walks, in start order, every window that holds at least one occupied pane, telling the
/// caller which panes enter and leave as the window slides one pane at a time. Each pane
/// enters once and leaves once, so a caller keeping running totals does work proportional
/// to the panes, not to panes times panes-per-window. Gaps longer than a window are jumped.
/// </summary>
public static class PaneWindowWalker
{
    /// <param name="sortedPanes">Occupied pane numbers, ascending, distinct.</param>
    /// <param name="panesPerWindow">Window size divided by slide.</param>
    /// <param name="enter">Called with an index into <paramref name="sortedPanes"/> when that pane enters the window.</param>
    /// <param name="leave">Called with an index when that pane leaves.</param>
    /// <param name="emit">Called with the first pane number of each window, after its panes have entered and left.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Walk(ReadOnlySpan<long> sortedPanes, int panesPerWindow, Action<int> enter, Action<int> leave, Action<long> emit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(panesPerWindow, 1);
        var count = sortedPanes.Length;
        if (count == 0)
            return;
        int first = 0, end = 0;
        var window = sortedPanes[0] - panesPerWindow + 1;
        while (first < count)
        {
            while (end < count && sortedPanes[end] < window + panesPerWindow)
                enter(end++);
            while (first < end && sortedPanes[first] < window)
                leave(first++);
            if (first == end)
            {
                if (end == count)
                    break;
                // Nothing in this window: jump to the first window that reaches the next occupied pane.
                window = sortedPanes[end] - panesPerWindow + 1;
                continue;
            }
            emit(window);
            window++;
        }
    }
}
