using System.Runtime.CompilerServices;
using Playstream.Core.Windows;

namespace Playstream.Core.Engine;

/// <summary>
/// Orders a block's plays for the operators: by pane (one counting-sort pass, as a block's
/// panes span a few months at most) for the windowed operators, and by the pair table's
/// hash for the interests, so each operator sweeps its state in memory order instead of
/// jumping to a random place per play. Order never changes a result, only how much of the
/// state stays in cache; the arrays are kept between blocks.
/// </summary>
internal sealed class PlayBlockSorter
{
    /// <summary>Widest pane range sorted by counting (4 MiB of counters); wider blocks (stray dates) sort by comparison.</summary>
    public const int MaxCountingRange = 1 << 20;

    /// <summary>Bits of the pair hash the interests' order uses: 64 Ki buckets.</summary>
    private const int PairBucketBits = 16;

    private int[] _paneCounts = [];
    private readonly int[] _pairCounts = new int[1 << PairBucketBits];
    private PairTime[] _pairs = [];

    /// <summary>Sorts the block's plays by pane of <paramref name="slide"/> seconds (stable within a pane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SortByPane(PlayBlock block, int slide)
    {
        var plays = block.Plays;
        if (plays.Length < 2)
            return;
        long min = long.MaxValue, max = long.MinValue;
        foreach (ref readonly var play in plays)
        {
            if (play.Time < min) min = play.Time;
            if (play.Time > max) max = play.Time;
        }
        var firstPane = PaneMath.PaneOf(min, slide);
        var range = PaneMath.PaneOf(max, slide) - firstPane + 1;
        if (range > MaxCountingRange)
        {
            plays.Sort(static (a, b) => a.Time.CompareTo(b.Time));
            return;
        }
        if (_paneCounts.Length < range + 1)
            _paneCounts = new int[Math.Max(range + 1, 1024)];
        var counts = _paneCounts.AsSpan(0, (int)range + 1);
        counts.Clear();
        var minStart = PaneMath.StartOf(firstPane, slide);
        // Offsets from the first pane's start are non-negative, so plain division is the floor.
        foreach (ref readonly var play in plays)
            counts[(int)((play.Time - minStart) / slide) + 1]++;
        for (var i = 1; i < counts.Length; i++)
            counts[i] += counts[i - 1];
        var sorted = block.Scratch;
        foreach (ref readonly var play in plays)
            sorted[counts[(int)((play.Time - minStart) / slide)]++] = play;
        block.SwapScratch();
    }

    /// <summary>
    /// The block's (customer, track) keys with their times, ordered by the top bits of the pair
    /// table's hash: consecutive plays land in neighbouring table slots.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<PairTime> PairsInTableOrder(PlayBlock block)
    {
        var plays = block.Plays;
        if (_pairs.Length < plays.Length)
            _pairs = new PairTime[block.Capacity];
        var counts = _pairCounts.AsSpan();
        counts.Clear();
        foreach (ref readonly var play in plays)
            counts[Bucket(PairTime.Pack(play.CustomerId, play.TrackId))]++;
        var at = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var n = counts[i];
            counts[i] = at;
            at += n;
        }
        var pairs = _pairs.AsSpan(0, plays.Length);
        foreach (ref readonly var play in plays)
        {
            var key = PairTime.Pack(play.CustomerId, play.TrackId);
            pairs[counts[Bucket(key)]++] = new PairTime(key, play.Time);
        }
        return pairs;
    }

    // The same Fibonacci hash as the pair table; its top bits are the table's slot at any table size.
    private static int Bucket(long key) => (int)((ulong)key * 0x9E3779B97F4A7C15UL >> (64 - PairBucketBits));
}
