namespace Playstream.Core.Operators.Shared;

/// <summary>
/// Maps ids (customer ids) to dense slots 0, 1, 2, ... in order of first use, so per-id
/// state lives in compact arrays. Ids are small integers in practice: ids below
/// <see cref="DenseLimit"/> are found with one array read; others (and negative ones,
/// which the parser never produces) fall back to a dictionary.
/// </summary>
public sealed class IdSlots
{
    /// <summary>Ids below this are looked up in an array (16 Mi ints: 64 MiB at most).</summary>
    public const int DenseLimit = 1 << 24;

    private int[] _slotPlusOne = [];
    private readonly Dictionary<int, int> _sparse = [];
    private int[] _idOfSlot = new int[16];

    public int Count { get; private set; }

    /// <summary>The id of each slot, by slot.</summary>
    public ReadOnlySpan<int> Ids => _idOfSlot.AsSpan(0, Count);

    public int Find(int id)
    {
        if ((uint)id < (uint)_slotPlusOne.Length)
            return _slotPlusOne[id] - 1;
        return _sparse.TryGetValue(id, out var slot) ? slot : -1;
    }

    public int GetOrAdd(int id)
    {
        if ((uint)id < (uint)_slotPlusOne.Length)
        {
            var existing = _slotPlusOne[id];
            return existing != 0 ? existing - 1 : (_slotPlusOne[id] = NewSlot(id)) - 1;
        }
        return GetOrAddSlow(id);
    }

    private int GetOrAddSlow(int id)
    {
        if ((uint)id < DenseLimit)
        {
            var size = (int)Math.Min(DenseLimit, Math.Max(id + 1L, Math.Max(1024L, _slotPlusOne.Length * 2L)));
            Array.Resize(ref _slotPlusOne, size);
            return (_slotPlusOne[id] = NewSlot(id)) - 1;
        }
        if (_sparse.TryGetValue(id, out var slot))
            return slot;
        slot = NewSlot(id) - 1;
        _sparse.Add(id, slot);
        return slot;
    }

    /// <summary>Returns slot + 1 of a freshly numbered id.</summary>
    private int NewSlot(int id)
    {
        if (Count == _idOfSlot.Length)
            Array.Resize(ref _idOfSlot, Count * 2);
        _idOfSlot[Count] = id;
        return ++Count;
    }
}
