using Playstream.Core.Windows;

namespace Playstream.Core.Operators.Activity;

/// <summary>
/// The customers seen in each pane, as append-only int arrays indexed by pane slot. A list
/// that fills up is sorted and deduplicated in place before it is allowed to grow, so its
/// size stays within twice its distinct customers and repeated listeners cost no memory.
/// </summary>
internal sealed class PaneCustomers
{
    private int[][] _lists = [];
    private int[] _counts = [];

    public void EnsureSlots(int slots)
    {
        if (slots <= _lists.Length)
            return;
        var size = Math.Max(slots, Math.Max(64, _lists.Length * 2));
        var old = _lists.Length;
        Array.Resize(ref _lists, size);
        Array.Resize(ref _counts, size);
        for (var i = old; i < size; i++)
            _lists[i] = [];
    }

    public void Append(int slot, int customer)
    {
        var list = _lists[slot];
        var count = _counts[slot];
        // The same listener twice in a row is common (a session); skipping it is one compare.
        if (count > 0 && list[count - 1] == customer)
            return;
        if (count == list.Length)
        {
            count = Compact(slot);
            if (count * 2 > list.Length || list.Length == 0)
            {
                Array.Resize(ref list, Math.Max(4, list.Length * 2));
                _lists[slot] = list;
            }
        }
        list[count] = customer;
        _counts[slot] = count + 1;
    }

    /// <summary>Sorts and deduplicates a pane's customers in place; returns how many remain.</summary>
    public int Compact(int slot)
    {
        var span = _lists[slot].AsSpan(0, _counts[slot]);
        span.Sort();
        return _counts[slot] = SlidingCounts.Deduplicate(span);
    }

    /// <summary>A pane's customers; distinct and ascending right after <see cref="Compact"/>.</summary>
    public ReadOnlySpan<int> Of(int slot) => _lists[slot].AsSpan(0, _counts[slot]);
}
