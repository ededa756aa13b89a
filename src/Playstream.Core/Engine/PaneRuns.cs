using Playstream.Core.Windows;

namespace Playstream.Core.Engine;

/// <summary>
/// A block's plays as runs of consecutive plays of one pane: the block is sorted by time, so an
/// operator finds a pane's state once per run instead of once per play (an unsorted block still
/// works, in shorter runs). Used as <c>foreach (var (pane, run) in new PaneRuns(plays, slide))</c>.
/// </summary>
internal ref struct PaneRuns(ReadOnlySpan<EnrichedPlay> plays, int slide)
{
    private readonly ReadOnlySpan<EnrichedPlay> _plays = plays;
    private readonly int _slide = slide;
    private int _end;

    public readonly PaneRuns GetEnumerator() => this;

    public Run Current { get; private set; }

    public bool MoveNext()
    {
        var from = _end;
        if (from >= _plays.Length)
            return false;
        var pane = PaneMath.PaneOf(_plays[from].Time, _slide);
        var start = PaneMath.StartOf(pane, _slide);
        var end = from + 1;
        // One unsigned compare: a time below the start wraps to a huge offset.
        while (end < _plays.Length && (ulong)(_plays[end].Time - start) < (ulong)_slide)
            end++;
        _end = end;
        Current = new Run(pane, _plays[from..end]);
        return true;
    }

    /// <summary>One run: its pane (numbered as <see cref="PaneMath.PaneOf"/> numbers them) and its plays.</summary>
    public readonly ref struct Run(long pane, ReadOnlySpan<EnrichedPlay> plays)
    {
        public long Pane { get; } = pane;
        public ReadOnlySpan<EnrichedPlay> Plays { get; } = plays;

        public void Deconstruct(out long pane, out ReadOnlySpan<EnrichedPlay> plays)
        {
            pane = Pane;
            plays = Plays;
        }
    }
}
