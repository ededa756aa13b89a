namespace Playstream.Core.Streaming.Keys;

/// <summary>Where a shipped line came from: the file incarnation and the line's byte offset in it.</summary>
/// <param name="SourceId">The 64-bit id of one incarnation of one file (see <see cref="ShippedLineKey"/>).</param>
/// <param name="Offset">The byte offset of the line's first byte.</param>
public readonly record struct LinePosition(ulong SourceId, long Offset);
