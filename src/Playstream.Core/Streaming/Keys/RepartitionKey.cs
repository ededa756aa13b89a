using System.Buffers.Binary;

namespace Playstream.Core.Streaming.Keys;

/// <summary>
/// The key of a record on the repartition topic: the customer it was routed by, and the input
/// partition and offset it was read from, 16 bytes big-endian. The value stays the raw line.
/// The position is what makes the hop safe to repeat: a record the source stage sends again
/// after a restart carries the same input offset, at or below what the customer stage has
/// taken from that partition (<see cref="Marks.SourceMarks"/>), so it is recognised and skipped.
/// </summary>
public static class RepartitionKey
{
    public const int Length = 16;

    public static void Write(Span<byte> destination, int customerId, int sourcePartition, long sourceOffset)
    {
        if (destination.Length < Length)
            throw new ArgumentException($"a repartition key takes {Length} bytes", nameof(destination));
        BinaryPrimitives.WriteInt32BigEndian(destination, customerId);
        BinaryPrimitives.WriteInt32BigEndian(destination[4..], sourcePartition);
        BinaryPrimitives.WriteInt64BigEndian(destination[8..], sourceOffset);
    }

    /// <summary>Reads a key; false for anything that is not exactly a repartition key.</summary>
    public static bool TryRead(ReadOnlySpan<byte> key, out int customerId, out int sourcePartition, out long sourceOffset)
    {
        if (key.Length != Length)
        {
            customerId = sourcePartition = 0;
            sourceOffset = 0;
            return false;
        }
        customerId = BinaryPrimitives.ReadInt32BigEndian(key);
        sourcePartition = BinaryPrimitives.ReadInt32BigEndian(key[4..]);
        sourceOffset = BinaryPrimitives.ReadInt64BigEndian(key[8..]);
        return sourcePartition >= 0 && sourceOffset >= 0;
    }
}
