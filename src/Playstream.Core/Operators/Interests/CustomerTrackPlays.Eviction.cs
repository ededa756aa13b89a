using Playstream.Core.Operators.Shared;

namespace Playstream.Core.Operators.Interests;

/// <summary>
/// The parts of the pair table that serve endless streams: dropping times no later play can
/// use, and keeping a detection known once its earlier times are gone.
/// </summary>
internal sealed partial class CustomerTrackPlays
{
    /// <summary>How many play times are stored, over all pairs.</summary>
    public long StoredTimes
    {
        get
        {
            long times = 0;
            foreach (ref var pair in _table.AsSpan())
                times += pair.Count;
            return times;
        }
    }

    /// <summary>
    /// Drops every pair's times before <paramref name="cutoff"/>, but keeps each pair's latest
    /// time so the pair itself (a distinct track of its customer) stays. A time kept that way
    /// is before the cutoff only when no later play can share an interest window with it.
    /// Runs that shrink move to smaller arena blocks, so the freed room serves other pairs.
    /// </summary>
    public void DropTimesBefore(long cutoff)
    {
        foreach (ref var pair in _table.AsSpan())
        {
            if (pair.State == 0)
                continue;
            var detected = pair.State & DetectedBit;
            if (!pair.Spilled)
            {
                if (pair.Count == InlineTimes && pair.First < cutoff)
                {
                    pair.First = pair.Last;
                    pair.State = detected | 1;
                }
                continue;
            }
            var count = pair.Count;
            var from = Math.Min(SortedBounds.Lower(_arena.Run(pair.Offset, count), cutoff), count - 1);
            if (from == 0)
                continue;
            var kept = count - from;
            var capacity = (int)pair.First;
            if (kept <= InlineTimes)
            {
                var run = _arena.Run(pair.Offset, count);
                var first = run[from];
                _arena.Free(pair.Offset, capacity);
                pair.Offset = 0;
                pair.First = first;
                pair.State = detected | (uint)kept; // Last already holds the run's last time
                continue;
            }
            var smaller = capacity;
            while (smaller / 2 >= kept && smaller / 2 >= FirstRunCapacity)
                smaller /= 2;
            if (smaller < capacity)
            {
                var offset = _arena.Allocate(smaller); // may move the arena: take spans after it
                _arena.Run(pair.Offset + from, kept).CopyTo(_arena.Run(offset, kept));
                _arena.Free(pair.Offset, capacity);
                pair.Offset = offset;
                pair.First = smaller;
            }
            else
            {
                _arena.Run(pair.Offset + from, kept).CopyTo(_arena.Run(pair.Offset, kept));
            }
            pair.State = detected | (uint)kept;
        }
    }

    /// <summary>
    /// Marks a pair detected at <paramref name="at"/> (one of its stored times) unless it already is
    /// at or before it, dropping its times after it: a detection another partition or a snapshot
    /// knew of, whose earlier times may have been dropped.
    /// </summary>
    private void DetectAt(ref Pair pair, long at)
    {
        if (pair.Detected && pair.Last <= at)
            return;
        pair.State |= DetectedBit;
        if (!pair.Spilled)
        {
            // Inline, `at` is one of the two times; a later one goes.
            if (pair.Count == InlineTimes && pair.Last > at)
            {
                pair.Last = pair.First;
                pair.State = DetectedBit | 1;
            }
            return;
        }
        var times = _arena.Run(pair.Offset, pair.Count);
        SetSpilledCount(ref pair, times, SortedBounds.Upper(times, at));
    }
}
