namespace Playstream.Core.Streaming.Ports;

/// <summary>One record of a partition as a source hands it over: its offset, key and value (a raw line).</summary>
public readonly record struct StreamRecord(long Offset, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);
