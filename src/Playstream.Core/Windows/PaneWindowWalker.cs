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
    public static void Walk(ReadOnlySpan<long> sortedPanes, int panesPerWindow, Action<int> enter, Action<int> leave, Action<long> emit)
    {
        var visitor = new DelegateVisitor(enter, leave, emit);
        Walk(sortedPanes, panesPerWindow, ref visitor);
    }

    /// <summary>
    /// As the delegate form, with the callbacks of a struct: the walk is compiled for each
    /// visitor type, so entering and leaving a pane are inlined calls, not delegate calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Walk<TVisitor>(ReadOnlySpan<long> sortedPanes, int panesPerWindow, ref TVisitor visitor)
        where TVisitor : struct, IPaneWindowVisitor
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
                visitor.Enter(end++);
            while (first < end && sortedPanes[first] < window)
                visitor.Leave(first++);
            if (first == end)
            {
                if (end == count)
                    break;
                // Nothing in this window: jump to the first window that reaches the next occupied pane.
                window = sortedPanes[end] - panesPerWindow + 1;
                continue;
            }
            visitor.Emit(window);
            window++;
        }
    }

    private readonly struct DelegateVisitor(Action<int> enter, Action<int> leave, Action<long> emit) : IPaneWindowVisitor
    {
        public void Enter(int pane) => enter(pane);
        public void Leave(int pane) => leave(pane);
        public void Emit(long firstPane) => emit(firstPane);
    }
}
