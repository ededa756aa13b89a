namespace Playstream.Core.Generation;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood): seeds <see cref="Xoshiro256StarStar"/> and derives
/// independent streams from one user seed, so that, say, the customer file stays the same
/// when only the number of events changes.
/// </summary>
internal static class SplitMix64
{
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser: a good 64-bit hash of one value.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The seed of the named stream <paramref name="stream"/> of a user seed.</summary>
    public static ulong Derive(long seed, RandomStream stream) =>
        Mix(unchecked((ulong)seed) ^ Mix(0xD1B54A32D192ED03UL * ((ulong)stream + 1)));
}
