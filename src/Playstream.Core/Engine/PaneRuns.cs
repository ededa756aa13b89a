using System.Runtime.CompilerServices;
using Playstream.Core.Windows;

namespace Playstream.Core.Engine;

/// <summary>
/// Runs of consecutive plays of one pane in a block: the block is sorted by time, so an operator
/// finds a pane's state once per run instead of once per play (an unsorted block still works,
/// in shorter runs).
/// </summary>
internal static class PaneRuns
{
    /// <summary>Where the run that starts at <paramref name="from"/> ends (exclusive), and its pane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int End(ReadOnlySpan<EnrichedPlay> plays, int from, int slide, out long pane)
    {
        pane = PaneMath.PaneOf(plays[from].Time, slide);
        var start = PaneMath.StartOf(pane, slide);
        var end = from + 1;
        // One unsigned compare: below the start wraps to a huge offset.
        while (end < plays.Length && (ulong)(plays[end].Time - start) < (ulong)slide)
            end++;
        return end;
    }
}
