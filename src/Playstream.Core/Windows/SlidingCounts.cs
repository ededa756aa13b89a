using System.Runtime.CompilerServices;
namespace Playstream.Core.Windows;

/// <summary>
/// Running counts per non-negative int key (a customer or a track) for the window being
/// walked: panes add to it as they enter and subtract as they leave. Keys below
/// <see cref="DenseLimit"/> count in an array; larger ones in a dictionary. It also knows
/// how many keys are non-zero (distinct listeners) and can list them (top-N candidates).
/// </summary>
public sealed class SlidingCounts
{
    /// <summary>Keys below this use the dense array (16 Mi longs at most: 128 MiB, only for huge id spaces).</summary>
    public const int DenseLimit = 1 << 24;

    private readonly long[] _dense;
    private readonly Dictionary<int, long> _sparse = [];
    // Keys that became non-zero, perhaps since dropped back to zero; pruned when listed.
    private int[] _active = new int[64];
    private int _activeCount;

    private readonly bool _listKeys;

    /// <param name="maxKey">The largest key that will be counted (sizes the dense array).</param>
    /// <param name="listKeys">Whether <see cref="NonZeroKeys"/> will be asked for (else keys are not remembered).</param>
    public SlidingCounts(int maxKey, bool listKeys)
    {
        _dense = new long[Math.Min(Math.Max(maxKey, -1) + 1, DenseLimit)];
        _listKeys = listKeys;
    }

    /// <summary>How many keys have a non-zero count.</summary>
    public int NonZero { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(int key, long delta)
    {
        long before, after;
        if ((uint)key < (uint)_dense.Length)
        {
            before = _dense[key];
            after = _dense[key] = before + delta;
        }
        else
        {
            _sparse.TryGetValue(key, out before);
            after = before + delta;
            if (after == 0) _sparse.Remove(key);
            else _sparse[key] = after;
        }
        if (before == 0 && after != 0)
        {
            NonZero++;
            if (!_listKeys)
                return;
            if (_activeCount == _active.Length)
                Array.Resize(ref _active, _activeCount * 2);
            _active[_activeCount++] = key;
        }
        else if (before != 0 && after == 0)
        {
            NonZero--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public long Get(int key)
    {
        if ((uint)key < (uint)_dense.Length)
            return _dense[key];
        return _sparse.TryGetValue(key, out var count) ? count : 0;
    }

    /// <summary>The keys with a non-zero count, in no particular order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<int> NonZeroKeys()
    {
        if (!_listKeys)
            throw new InvalidOperationException("these counts were made without listKeys");
        // Drop keys that went back to zero; a key that went to zero and back was appended twice, so drop repeats too.
        var kept = 0;
        for (var i = 0; i < _activeCount; i++)
        {
            var key = _active[i];
            if (Get(key) == 0)
                continue;
            _active[kept++] = key;
        }
        _activeCount = kept;
        if (kept > NonZero)
        {
            var span = _active.AsSpan(0, kept);
            span.Sort();
            kept = Deduplicate(span);
            _activeCount = kept;
        }
        return _active.AsSpan(0, _activeCount);
    }

    /// <summary>Removes repeats from a sorted span in place; returns the distinct count.</summary>
    public static int Deduplicate(Span<int> sorted)
    {
        if (sorted.Length == 0)
            return 0;
        var kept = 1;
        for (var i = 1; i < sorted.Length; i++)
            if (sorted[i] != sorted[kept - 1])
                sorted[kept++] = sorted[i];
        return kept;
    }
}
