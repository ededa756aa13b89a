namespace Playstream.Core.Operators.Interests;

/// <summary>
/// One long[] that holds many small growable runs of play times, so that millions of
/// (customer, track) pairs need no List each. Runs have power-of-two capacities; a run that
/// outgrows its block moves to a bigger one, and the old block goes on a free list for its
/// size class (the list is threaded through the free blocks themselves).
/// </summary>
internal sealed class TimeArena
{
    private const int SizeClasses = 31;

    private long[] _slots = new long[1024];
    private int _used;
    private readonly int[] _freeHead = CreateFreeHeads();

    public Span<long> Run(int offset, int count) => _slots.AsSpan(offset, count);

    /// <summary>A block of <paramref name="capacity"/> (a power of two) slots; returns its offset.</summary>
    public int Allocate(int capacity)
    {
        var sizeClass = System.Numerics.BitOperations.Log2((uint)capacity);
        var free = _freeHead[sizeClass];
        if (free >= 0)
        {
            _freeHead[sizeClass] = (int)_slots[free];
            return free;
        }
        if (_used + (long)capacity > _slots.Length)
        {
            var size = Math.Max(_used + (long)capacity, _slots.Length * 2L);
            if (size > Array.MaxLength)
                throw new InvalidOperationException("the play-time arena is full (more than 2^31 stored times)");
            Array.Resize(ref _slots, (int)size);
        }
        var offset = _used;
        _used += capacity;
        return offset;
    }

    public void Free(int offset, int capacity)
    {
        var sizeClass = System.Numerics.BitOperations.Log2((uint)capacity);
        _slots[offset] = _freeHead[sizeClass];
        _freeHead[sizeClass] = offset;
    }

    /// <summary>Moves a run to a block twice as big; returns the new offset.</summary>
    public int Grow(int offset, int count, int capacity)
    {
        var grown = Allocate(capacity * 2);
        Array.Copy(_slots, offset, _slots, grown, count);
        Free(offset, capacity);
        return grown;
    }

    private static int[] CreateFreeHeads()
    {
        var heads = new int[SizeClasses];
        Array.Fill(heads, -1);
        return heads;
    }
}
