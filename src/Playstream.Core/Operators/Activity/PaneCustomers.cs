using System.Runtime.CompilerServices;
namespace Playstream.Core.Operators.Activity;

/// <summary>
/// The distinct customers seen in each pane, as one small open-addressing int set per pane slot.
/// A customer already in the pane costs one probe and no memory, so replayed or repeated plays
/// allocate nothing and memory is bounded by the distinct (pane, customer) pairs.
/// </summary>
internal sealed class PaneCustomers
{
    // Marks a free set cell; a customer with this id is tracked by a flag instead.
    private const int Free = int.MinValue;
    private const int FirstCapacity = 8;

    private int[][] _sets = [];
    private int[] _counts = [];
    private bool[] _hasFreeValue = [];
    private int[]?[] _sorted = [];

    public void EnsureSlots(int slots)
    {
        if (slots <= _sets.Length)
            return;
        var size = Math.Max(slots, Math.Max(64, _sets.Length * 2));
        var old = _sets.Length;
        Array.Resize(ref _sets, size);
        Array.Resize(ref _counts, size);
        Array.Resize(ref _hasFreeValue, size);
        Array.Resize(ref _sorted, size);
        for (var i = old; i < size; i++)
            _sets[i] = [];
    }

    public void Append(int slot, int customer) => TryAppend(slot, customer);

    /// <summary>Adds a customer to a pane; true when the pane did not hold it yet.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryAppend(int slot, int customer)
    {
        if (customer == Free)
        {
            if (_hasFreeValue[slot])
                return false;
            _hasFreeValue[slot] = true;
            _sorted[slot] = null;
            return true;
        }
        var set = _sets[slot];
        if (set.Length > 0)
        {
            var mask = set.Length - 1;
            var i = Hash(customer, mask);
            while (true)
            {
                var held = set[i];
                if (held == customer)
                    return false;
                if (held == Free)
                    break;
                i = (i + 1) & mask;
            }
            if ((_counts[slot] + 1) * 2 <= set.Length)
            {
                set[i] = customer;
                _counts[slot]++;
                _sorted[slot] = null;
                return true;
            }
        }
        Grow(slot);
        return TryAppend(slot, customer);
    }

    /// <summary>Whether a pane holds a customer.</summary>
    public bool Contains(int slot, int customer)
    {
        if (customer == Free)
            return _hasFreeValue[slot];
        var set = _sets[slot];
        if (set.Length == 0)
            return false;
        var mask = set.Length - 1;
        for (var i = Hash(customer, mask); ; i = (i + 1) & mask)
        {
            var held = set[i];
            if (held == customer)
                return true;
            if (held == Free)
                return false;
        }
    }

    /// <summary>
    /// Makes room in a pane's set for up to <paramref name="extra"/> more customers at once, so a
    /// block of plays for one pane grows the set (and rehashes it) once rather than step by step.
    /// </summary>
    public void Reserve(int slot, int extra)
    {
        var needed = (_counts[slot] + (long)extra) * 2;
        var set = _sets[slot];
        if (needed <= set.Length)
            return;
        var size = Math.Max(FirstCapacity, set.Length);
        while (size < needed && size < (1 << 30))
            size *= 2;
        Rehash(slot, size);
    }

    /// <summary>
    /// Adds <paramref name="delta"/> to the count of each of a pane's customers, straight from its
    /// set (no sorted copy): a window's distinct listeners need the members, not their order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddTo(int slot, Windows.SlidingCounts counts, long delta)
    {
        if (_hasFreeValue[slot])
            counts.Add(Free, delta);
        foreach (var customer in _sets[slot])
            if (customer != Free)
                counts.Add(customer, delta);
    }

    /// <summary>The largest customer id in any of the first <paramref name="slots"/> panes, or -1.</summary>
    public int MaxCustomer(int slots)
    {
        var max = -1;
        for (var slot = 0; slot < slots; slot++)
            foreach (var customer in _sets[slot])
                if (customer > max)
                    max = customer;
        return max;
    }

    /// <summary>Prepares the ascending list of a pane's customers; returns how many there are.</summary>
    public int Compact(int slot) => Sorted(slot).Length;

    /// <summary>A pane's distinct customers, ascending.</summary>
    public ReadOnlySpan<int> Of(int slot) => Sorted(slot);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int[] Sorted(int slot)
    {
        if (_sorted[slot] is { } sorted)
            return sorted;
        var hasFreeValue = _hasFreeValue[slot];
        sorted = new int[_counts[slot] + (hasFreeValue ? 1 : 0)];
        var n = 0;
        if (hasFreeValue)
            sorted[n++] = Free;
        foreach (var customer in _sets[slot])
            if (customer != Free)
                sorted[n++] = customer;
        Array.Sort(sorted);
        return _sorted[slot] = sorted;
    }

    private void Grow(int slot) => Rehash(slot, Math.Max(FirstCapacity, _sets[slot].Length * 2));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Rehash(int slot, int size)
    {
        var old = _sets[slot];
        var set = new int[size];
        Array.Fill(set, Free);
        var mask = set.Length - 1;
        foreach (var customer in old)
        {
            if (customer == Free)
                continue;
            var i = Hash(customer, mask);
            while (set[i] != Free)
                i = (i + 1) & mask;
            set[i] = customer;
        }
        _sets[slot] = set;
    }

    // Fibonacci hashing spreads consecutive ids; the high bits of the product pick the cell.
    private static int Hash(int customer, int mask) => (int)((uint)customer * 0x9E3779B97F4A7C15UL >> 32) & mask;
}
