namespace Playstream.Core.Windows;

/// <summary>
/// Maps pane numbers (long, epoch-aligned) to dense slot numbers 0, 1, 2, ... in order of
/// first use, so operators keep per-pane state in plain arrays. Panes of real data cover a
/// few months, so a dense array over [<c>_base</c>, <c>_base + length</c>) answers with one
/// bounds check; a pane that would stretch that range past <see cref="DenseSpan"/> (a stray
/// date decades away) goes to a dictionary instead of blowing up the array.
/// </summary>
public sealed class PaneSlots
{
    /// <summary>The widest range of panes the dense array covers (4 Mi panes: 16 MiB).</summary>
    public const int DenseSpan = 1 << 22;

    private long _base;
    private int[] _slotPlusOne = [];
    private readonly Dictionary<long, int> _far = [];
    private long[] _paneOfSlot = new long[16];

    /// <summary>How many panes have a slot.</summary>
    public int Count { get; private set; }

    /// <summary>The pane number of each slot, by slot.</summary>
    public ReadOnlySpan<long> Panes => _paneOfSlot.AsSpan(0, Count);

    /// <summary>The slot of a pane, or -1 when the pane has none.</summary>
    public int Find(long pane)
    {
        var offset = pane - _base;
        if ((ulong)offset < (ulong)_slotPlusOne.Length)
            return _slotPlusOne[offset] - 1;
        return _far.TryGetValue(pane, out var slot) ? slot : -1;
    }

    /// <summary>The slot of a pane, giving it the next slot when new; <paramref name="added"/> says which.</summary>
    public int GetOrAdd(long pane, out bool added)
    {
        var offset = pane - _base;
        if ((ulong)offset < (ulong)_slotPlusOne.Length)
        {
            var existing = _slotPlusOne[offset];
            if (existing != 0)
            {
                added = false;
                return existing - 1;
            }
            added = true;
            return (_slotPlusOne[offset] = NewSlot(pane)) - 1;
        }
        return GetOrAddSlow(pane, out added);
    }

    private int GetOrAddSlow(long pane, out bool added)
    {
        if (_far.TryGetValue(pane, out var slot))
        {
            added = false;
            return slot;
        }
        added = true;
        if (TryWidenTo(pane))
            return (_slotPlusOne[pane - _base] = NewSlot(pane)) - 1;
        slot = NewSlot(pane) - 1;
        _far.Add(pane, slot);
        return slot;
    }

    /// <summary>Returns slot + 1 of a freshly numbered pane.</summary>
    private int NewSlot(long pane)
    {
        if (Count == _paneOfSlot.Length)
            Array.Resize(ref _paneOfSlot, Count * 2);
        _paneOfSlot[Count] = pane;
        return ++Count;
    }

    /// <summary>Grows the dense range (doubling, either direction) to cover the pane, unless that would exceed the span.</summary>
    private bool TryWidenTo(long pane)
    {
        if (_slotPlusOne.Length == 0)
        {
            _base = pane - 64;
            _slotPlusOne = new int[256];
            return true;
        }
        var low = Math.Min(_base, pane);
        var high = Math.Max(_base + _slotPlusOne.Length, pane + 1);
        if (high - low > DenseSpan)
            return false;
        var length = (int)Math.Min(DenseSpan, Math.Max(high - low, 2L * _slotPlusOne.Length));
        // Leave the new room on the side the pane arrived from, so a stream moving either way keeps growing cheaply.
        var newBase = pane < _base ? high - length : low;
        var grown = new int[length];
        Array.Copy(_slotPlusOne, 0, grown, _base - newBase, _slotPlusOne.Length);
        _slotPlusOne = grown;
        _base = newBase;
        AdoptFarPanesInRange();
        return true;
    }

    /// <summary>A far pane that the widened dense range now covers must move there, or Find would miss it.</summary>
    private void AdoptFarPanesInRange()
    {
        if (_far.Count == 0)
            return;
        List<long>? moved = null;
        foreach (var (pane, slot) in _far)
        {
            var offset = pane - _base;
            if ((ulong)offset < (ulong)_slotPlusOne.Length)
            {
                _slotPlusOne[offset] = slot + 1;
                (moved ??= []).Add(pane);
            }
        }
        if (moved is not null)
            foreach (var pane in moved)
                _far.Remove(pane);
    }

    /// <summary>The occupied panes ascending, with the slot of each.</summary>
    public (long[] Panes, int[] Slots) InPaneOrder()
    {
        var panes = Panes.ToArray();
        var slots = new int[panes.Length];
        for (var i = 0; i < slots.Length; i++)
            slots[i] = i;
        Array.Sort(panes, slots);
        return (panes, slots);
    }
}
