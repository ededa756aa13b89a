using Playstream.Core.Checkpoints;
using Playstream.Core.Streaming.Keys;

namespace Playstream.Core.Streaming.Marks;

/// <summary>
/// One partition's high-water marks of shipper sources: per source (one incarnation of one file),
/// the highest line offset taken. The shipper keeps one request in flight per broker and retries
/// without end, so the lines of one file that reach one partition arrive in file order, first
/// sending and resending alike; a line at or below its source's mark was therefore taken already.
/// </summary>
/// <remarks>
/// Bounded: past <see cref="Capacity"/> sources, the least recently seen one is forgotten (a
/// resend of its lines would then be counted again). Sources are kept in a ring of arrays linked
/// by index, so taking a line allocates nothing once the arrays have grown. Decisions depend only
/// on the records in offset order and the marks restored, so a replay from a checkpoint decides
/// the same way. Not thread-safe: one partition, one thread.
/// </remarks>
public sealed class ShipperMarks
{
    public const int DefaultCapacity = 10_000;

    private const int None = -1;
    private readonly Dictionary<ulong, int> _slots = [];
    private ulong[] _sources = [];
    private long[] _offsets = [];
    private int[] _older = []; // towards the least recently seen
    private int[] _newer = []; // towards the most recently seen
    private int _oldest = None;
    private int _newest = None;
    // Slots whose mark moved since the last TakeChanged: what an incremental checkpoint writes.
    private bool[] _changed = [];
    private readonly List<int> _changedSlots = [];

    /// <param name="restored">Marks from a checkpoint, least recently seen first.</param>
    public ShipperMarks(int capacity = DefaultCapacity, IEnumerable<ShipperMark>? restored = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        foreach (var mark in restored ?? [])
            Raise(mark.SourceId, mark.Offset);
    }

    /// <summary>Most sources remembered.</summary>
    public int Capacity { get; }

    /// <summary>Sources remembered now.</summary>
    public int Count => _slots.Count;

    /// <summary>
    /// Takes a line's position: true when it is new (above its source's mark, which now moves to
    /// it), false when it is at or below the mark (a resend, to skip).
    /// </summary>
    public bool TryAdvance(LinePosition position)
    {
        // Lines mostly come in runs from one file: its source is then already the newest.
        if (_newest != None && _sources[_newest] == position.SourceId)
            return Advance(_newest, position.Offset);
        if (_slots.TryGetValue(position.SourceId, out var slot))
        {
            MakeNewest(slot);
            return Advance(slot, position.Offset);
        }
        Raise(position.SourceId, position.Offset);
        return true;
    }

    /// <summary>Sets a source's mark from a checkpoint, as the most recently seen source; a lower mark than the one held is ignored.</summary>
    public void Restore(ShipperMark mark) => Raise(mark.SourceId, mark.Offset);

    /// <summary>The marks that moved since the last call (each source once, with its latest mark), least recently changed first.</summary>
    public IReadOnlyList<ShipperMark> TakeChanged()
    {
        var marks = new List<ShipperMark>(_changedSlots.Count);
        foreach (var slot in _changedSlots)
        {
            _changed[slot] = false;
            // A slot reused for another source since it changed still reports its current source: that source is new, so it changed too.
            marks.Add(new ShipperMark(_sources[slot], _offsets[slot]));
        }
        _changedSlots.Clear();
        return marks;
    }

    /// <summary>The marks, least recently seen source first: the order a checkpoint keeps.</summary>
    public IReadOnlyList<ShipperMark> ToList()
    {
        var marks = new List<ShipperMark>(_slots.Count);
        for (var slot = _oldest; slot != None; slot = _newer[slot])
            marks.Add(new ShipperMark(_sources[slot], _offsets[slot]));
        return marks;
    }

    private bool Advance(int slot, long offset)
    {
        if (offset <= _offsets[slot])
            return false;
        _offsets[slot] = offset;
        NoteChanged(slot);
        return true;
    }

    /// <summary>Sets a source's mark (adding the source as the newest, forgetting the oldest when full).</summary>
    private void Raise(ulong source, long offset)
    {
        if (_slots.TryGetValue(source, out var known))
        {
            MakeNewest(known);
            if (offset > _offsets[known])
            {
                _offsets[known] = offset;
                NoteChanged(known);
            }
            return;
        }
        int slot;
        if (_slots.Count == Capacity)
        {
            slot = _oldest;
            Unlink(slot);
            _slots.Remove(_sources[slot]);
        }
        else
        {
            slot = _slots.Count;
            if (slot == _sources.Length)
                Grow();
        }
        _sources[slot] = source;
        _offsets[slot] = offset;
        _slots.Add(source, slot);
        LinkNewest(slot);
        NoteChanged(slot);
    }

    private void NoteChanged(int slot)
    {
        if (_changed[slot])
            return;
        _changed[slot] = true;
        _changedSlots.Add(slot);
    }

    private void MakeNewest(int slot)
    {
        if (slot == _newest)
            return;
        Unlink(slot);
        LinkNewest(slot);
    }

    private void Unlink(int slot)
    {
        var older = _older[slot];
        var newer = _newer[slot];
        if (older == None) _oldest = newer;
        else _newer[older] = newer;
        if (newer == None) _newest = older;
        else _older[newer] = older;
    }

    private void LinkNewest(int slot)
    {
        _older[slot] = _newest;
        _newer[slot] = None;
        if (_newest == None) _oldest = slot;
        else _newer[_newest] = slot;
        _newest = slot;
    }

    private void Grow()
    {
        var size = Math.Min(Capacity, Math.Max(16, _sources.Length * 2));
        Array.Resize(ref _sources, size);
        Array.Resize(ref _offsets, size);
        Array.Resize(ref _older, size);
        Array.Resize(ref _newer, size);
        Array.Resize(ref _changed, size);
    }
}
