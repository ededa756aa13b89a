namespace Playstream.Core.Generation;

/// <summary>
/// How likely each track is to be picked, per gender code. A Zipf-like base popularity over a
/// seeded ranking (a few hits, a long tail), bent per gender by a log-normal taste factor so
/// that each gender's chart has its own order and members.
/// </summary>
internal sealed class TrackPopularity
{
    /// <summary>Zipf exponent: with 1,750 tracks the top one gets ~5 % of plays, the median ~0.03 %.</summary>
    public const double ZipfExponent = 0.8;

    /// <summary>Spread of the per-gender taste factor (log scale).</summary>
    public const double TasteSpread = 0.8;

    public const int GenderCount = 2;

    private readonly AliasTable[] _byGender;

    private TrackPopularity(AliasTable[] byGender) => _byGender = byGender;

    public int Count => _byGender[0].Count;

    public static TrackPopularity Create(int tracks, long seed)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive(seed, RandomStream.TrackModel));
        var rankOf = new int[tracks];
        for (var i = 0; i < tracks; i++)
            rankOf[i] = i;
        for (var i = tracks - 1; i > 0; i--)
        {
            var j = rng.NextInt(i + 1);
            (rankOf[i], rankOf[j]) = (rankOf[j], rankOf[i]);
        }
        var tables = new AliasTable[GenderCount];
        var weights = new double[tracks];
        for (var g = 0; g < GenderCount; g++)
        {
            for (var t = 0; t < tracks; t++)
                weights[t] = Math.Pow(rankOf[t] + 1, -ZipfExponent) * Math.Exp(TasteSpread * rng.NextGaussian());
            tables[g] = new AliasTable(weights);
        }
        return new TrackPopularity(tables);
    }

    /// <summary>A track for a listener of gender code <paramref name="gender"/>.</summary>
    public int Sample(byte gender, ulong bits) => _byGender[gender % GenderCount].Sample(bits);
}
