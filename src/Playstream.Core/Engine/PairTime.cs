namespace Playstream.Core.Engine;

/// <summary>A (customer, track) key packed as the pair table packs it, and one play time.</summary>
internal readonly record struct PairTime(long Key, long Time)
{
    public static long Pack(int customerId, int trackId) => ((long)customerId << 32) | (uint)trackId;
}
