namespace Playstream.Core.Engine;

/// <summary>
/// One play with everything the operators need from the lookups already resolved: 24 bytes,
/// no references, so a block of them sorts by moving memory and feeds the operators without
/// a lookup per play.
/// </summary>
internal struct EnrichedPlay
{
    public const byte Mobile = 1, CustomerKnown = 2, TrackKnown = 4;

    public long Time;
    public int CustomerId;
    public int TrackId;
    public int ZipKey;
    public byte GenderSlot;
    public byte Traits;
    public byte Flags;

    public readonly bool IsMobile => (Flags & Mobile) != 0;
}
