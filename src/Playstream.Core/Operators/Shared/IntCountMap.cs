using System.Runtime.CompilerServices;
namespace Playstream.Core.Operators.Shared;

/// <summary>
/// Counts per int key in one open-addressing table (linear probing, power-of-two size).
/// Counts only grow, so a zero count marks an empty slot and no tombstones are needed.
/// Smaller and faster than <c>Dictionary&lt;int,long&gt;</c> for the per-pane track counts the hot
/// path bumps, and it allocates only when it doubles.
/// </summary>
public sealed class IntCountMap
{
    private int[] _keys;
    private long[] _counts;
    private int _mask;
    private int _shift;

    public IntCountMap(int capacity = 16)
    {
        var size = 16;
        while (size < capacity * 2) size <<= 1;
        _keys = new int[size];
        _counts = new long[size];
        _mask = size - 1;
        _shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
    }

    /// <summary>How many distinct keys have a count.</summary>
    public int Count { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int key, long delta)
    {
        if (delta <= 0)
            throw new ArgumentOutOfRangeException(nameof(delta), "counts only grow");
        var i = Hash(key) & _mask;
        while (true)
        {
            var count = _counts[i];
            if (count == 0)
                break;
            if (_keys[i] == key)
            {
                _counts[i] = count + delta;
                return;
            }
            i = (i + 1) & _mask;
        }
        _keys[i] = key;
        _counts[i] = delta;
        if (++Count * 2 > _keys.Length)
            Grow();
    }

    public long Get(int key)
    {
        var i = Hash(key) & _mask;
        while (true)
        {
            var count = _counts[i];
            if (count == 0)
                return 0;
            if (_keys[i] == key)
                return count;
            i = (i + 1) & _mask;
        }
    }

    /// <summary>Calls <paramref name="visit"/> for each key and its count, in table order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ForEach(Action<int, long> visit)
    {
        for (var i = 0; i < _keys.Length; i++)
            if (_counts[i] != 0)
                visit(_keys[i], _counts[i]);
    }

    /// <summary>Adds each key's count times <paramref name="sign"/> to running counts (a pane entering or leaving a window).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    /// <summary>The sum of every count.</summary>
    public long Total()
    {
        long total = 0;
        foreach (var count in _counts)
            total += count;
        return total;
    }

    public void AddTo(Windows.SlidingCounts running, long sign)
    {
        for (var i = 0; i < _keys.Length; i++)
            if (_counts[i] != 0)
                running.Add(_keys[i], sign * _counts[i]);
    }

    /// <summary>The largest key present, or -1 when empty or all keys are negative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int MaxKey()
    {
        var max = -1;
        for (var i = 0; i < _keys.Length; i++)
            if (_counts[i] != 0 && _keys[i] > max)
                max = _keys[i];
        return max;
    }

    // Fibonacci hashing spreads consecutive ids over the table; the high bits are the good ones.
    private int Hash(int key) => (int)((uint)key * 2654435769u >> _shift);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Grow()
    {
        var oldKeys = _keys;
        var oldCounts = _counts;
        _keys = ProbedTable.New<int>(oldKeys.Length * 2);
        _counts = ProbedTable.New<long>(oldKeys.Length * 2);
        _mask = _keys.Length - 1;
        _shift--;
        for (var j = 0; j < oldKeys.Length; j++)
        {
            if (oldCounts[j] == 0)
                continue;
            var i = Hash(oldKeys[j]) & _mask;
            while (_counts[i] != 0)
                i = (i + 1) & _mask;
            _keys[i] = oldKeys[j];
            _counts[i] = oldCounts[j];
        }
    }
}
