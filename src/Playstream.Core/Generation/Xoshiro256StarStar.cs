using System.Numerics;

namespace Playstream.Core.Generation;

/// <summary>
/// The xoshiro256** generator (Blackman and Vigna), seeded through SplitMix64. Written out here
/// rather than using <see cref="Random"/> because generated files must stay byte-identical for a
/// seed, and the framework is free to change the algorithm behind <see cref="Random"/>.
/// A mutable struct: keep it in a field or a local and call it in place, never copy it.
/// </summary>
internal struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        _s0 = SplitMix64.Next(ref seed);
        _s1 = SplitMix64.Next(ref seed);
        _s2 = SplitMix64.Next(ref seed);
        _s3 = SplitMix64.Next(ref seed);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// An integer in [0, n). Multiply-shift of the high 32 bits (Lemire) without the rejection
    /// step: the bias is below n / 2^32, invisible in synthetic data and it keeps this branch-free.
    /// </summary>
    public int NextInt(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>An integer in [min, maxExclusive).</summary>
    public int NextInt(int min, int maxExclusive) => min + NextInt(maxExclusive - min);

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with probability <paramref name="threshold"/> / 2^32; integer-only so it is exact.</summary>
    public bool Below(uint threshold) => (uint)(NextUInt64() >> 32) < threshold;

    /// <summary>A standard normal value (Box-Muller); used only to shape model weights.</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>The integer threshold for <see cref="Below"/> that fires with probability <paramref name="p"/>.</summary>
    public static uint Threshold(double p) =>
        p <= 0 ? 0u : p >= 1 ? uint.MaxValue : (uint)(p * 4294967296.0);
}
