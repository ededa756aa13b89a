namespace Playstream.Shipping.Tailing;

/// <summary>Takes one complete line (without its <c>\n</c>) that spans file bytes [start, end); false stops the reading before it.</summary>
public delegate bool LineHandler(ReadOnlySpan<byte> line, long start, long end);
