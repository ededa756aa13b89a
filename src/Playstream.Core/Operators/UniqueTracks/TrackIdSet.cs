namespace Playstream.Core.Operators.UniqueTracks;

/// <summary>
/// A set of track ids: a growable bitset for ids below <see cref="DenseLimit"/> (one bit
/// each, so a million tracks is 128 KiB) and a hash set for anything larger.
/// </summary>
internal sealed class TrackIdSet
{
    /// <summary>Ids below this live in the bitset (2 MiB of bits at most).</summary>
    public const int DenseLimit = 1 << 24;

    private ulong[] _bits = new ulong[32];
    private readonly HashSet<int> _sparse = [];

    /// <summary>Adds an id; true when the set did not hold it yet.</summary>
    public bool TryAdd(int id)
    {
        if (Contains(id))
            return false;
        Add(id);
        return true;
    }

    public bool Contains(int id)
    {
        var word = id >> 6;
        if ((uint)word < (uint)_bits.Length)
            return (_bits[word] & (1UL << id)) != 0;
        return (uint)id >= DenseLimit && _sparse.Contains(id);
    }

    public void Add(int id)
    {
        var word = id >> 6;
        if ((uint)word < (uint)_bits.Length)
            _bits[word] |= 1UL << id;
        else
            AddSlow(id);
    }

    private void AddSlow(int id)
    {
        if ((uint)id >= DenseLimit)
        {
            _sparse.Add(id);
            return;
        }
        Array.Resize(ref _bits, Math.Max((id >> 6) + 1, _bits.Length * 2));
        _bits[id >> 6] |= 1UL << id;
    }

    public void UnionWith(TrackIdSet other)
    {
        if (other._bits.Length > _bits.Length)
            Array.Resize(ref _bits, other._bits.Length);
        for (var i = 0; i < other._bits.Length; i++)
            _bits[i] |= other._bits[i];
        _sparse.UnionWith(other._sparse);
    }

    /// <summary>The ids, ascending (negative ids, which the parser never makes, come first).</summary>
    public List<int> ToSortedList()
    {
        var ids = new List<int>();
        var sparse = _sparse.Order().ToList();
        ids.AddRange(sparse.Where(id => id < 0));
        for (var word = 0; word < _bits.Length; word++)
        {
            var bits = _bits[word];
            while (bits != 0)
            {
                ids.Add(word * 64 + System.Numerics.BitOperations.TrailingZeroCount(bits));
                bits &= bits - 1;
            }
        }
        ids.AddRange(sparse.Where(id => id >= 0));
        return ids;
    }
}
