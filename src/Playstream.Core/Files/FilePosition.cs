using Playstream.Shipping.Files;

namespace Playstream.Shipping.Positions;

/// <summary>How far one file is shipped: every line before <paramref name="Offset"/> is acknowledged by Kafka.</summary>
/// <param name="Identity">Device and inode.</param>
/// <param name="Fingerprint">The file's first bytes when last seen, to tell it from a later file with the same inode.</param>
/// <param name="Offset">Byte offset right after the last acknowledged line (a line boundary).</param>
/// <param name="Path">Where the file was last seen; for people reading the positions, not for matching.</param>
/// <param name="LastSeen">When a scan last found the file, so entries of long-gone files can be dropped.</param>
/// <param name="Generation">How many times the file was shipped again from its start after a truncation:
/// part of its source id (<see cref="SourceId"/>), so it must outlive a crash.</param>
public sealed record FilePosition(FileIdentity Identity, Fingerprint Fingerprint, long Offset, string Path, DateTimeOffset LastSeen, int Generation = 0);
