namespace Playstream.Core.Generation;

/// <summary>
/// Walker's alias method (Vose's construction): samples an index with probability proportional
/// to its weight in O(1), one random word per draw. Thresholds are integers so that a draw is
/// exact and the same on every machine once the table is built.
/// </summary>
internal sealed class AliasTable
{
    private readonly uint[] _threshold;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<double> weights)
    {
        var n = weights.Length;
        if (n == 0)
            throw new ArgumentException("at least one weight is needed", nameof(weights));
        var total = 0.0;
        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
                throw new ArgumentException("weights must be finite and >= 0", nameof(weights));
            total += w;
        }
        if (total <= 0)
            throw new ArgumentException("at least one weight must be > 0", nameof(weights));

        _threshold = new uint[n];
        _alias = new int[n];
        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            scaled[i] = weights[i] * n / total;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }
        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _threshold[s] = Xoshiro256StarStar.Threshold(scaled[s]);
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }
        // What is left is full up to rounding: it always keeps its own index.
        foreach (var i in large.Concat(small))
        {
            _threshold[i] = uint.MaxValue;
            _alias[i] = i;
        }
    }

    public int Count => _alias.Length;

    /// <summary>An index drawn from one random word: high half picks the column, low half the coin.</summary>
    public int Sample(ulong bits)
    {
        var i = (int)(((bits >> 32) * (ulong)_alias.Length) >> 32);
        return (uint)bits < _threshold[i] ? i : _alias[i];
    }
}
