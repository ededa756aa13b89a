namespace Playstream.Core.Checkpoints;

/// <summary>
/// The highest line offset a partition has taken from one shipper source (one incarnation of one
/// file): a line of that source at or below it, arriving again, is a shipper's resend.
/// </summary>
/// <param name="SourceId">The source's 64-bit id, as the shipper writes it in the record key.</param>
/// <param name="Offset">The byte offset of the last line taken from it.</param>
public readonly record struct ShipperMark(ulong SourceId, long Offset);
