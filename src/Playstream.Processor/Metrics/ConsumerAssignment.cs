using System.Buffers.Binary;
using System.Text;

namespace Playstream.Processor.Metrics;

/// <summary>
/// Reads a member's assignment as the group coordinator keeps it: Kafka's consumer protocol,
/// big-endian: version (int16), topics (int32 count; each a name as int16 length + UTF-8 and
/// its partitions as int32 count + int32 ids), then user data. The same since Kafka 0.9.
/// </summary>
public static class ConsumerAssignment
{
    /// <summary>The partitions of <paramref name="topic"/> in the assignment, sorted; empty when none or not yet synced.</summary>
    /// <exception cref="FormatException">The bytes are not a consumer-protocol assignment.</exception>
    public static IReadOnlyList<int> Partitions(ReadOnlySpan<byte> assignment, string topic)
    {
        if (assignment.Length < 2)
            return [];
        var found = new List<int>();
        var at = 2;
        var topics = ReadInt32(assignment, ref at);
        for (var t = 0; t < topics; t++)
        {
            var nameLength = ReadInt16(assignment, ref at);
            if (nameLength < 0 || at + nameLength > assignment.Length)
                throw new FormatException("assignment: topic name runs past the end");
            var name = Encoding.UTF8.GetString(assignment.Slice(at, nameLength));
            at += nameLength;
            var count = ReadInt32(assignment, ref at);
            for (var p = 0; p < count; p++)
            {
                var partition = ReadInt32(assignment, ref at);
                if (name == topic)
                    found.Add(partition);
            }
        }
        found.Sort();
        return found;
    }

    private static short ReadInt16(ReadOnlySpan<byte> bytes, ref int at)
    {
        if (at + 2 > bytes.Length)
            throw new FormatException("assignment: cut short");
        var value = BinaryPrimitives.ReadInt16BigEndian(bytes[at..]);
        at += 2;
        return value;
    }

    private static int ReadInt32(ReadOnlySpan<byte> bytes, ref int at)
    {
        if (at + 4 > bytes.Length)
            throw new FormatException("assignment: cut short");
        var value = BinaryPrimitives.ReadInt32BigEndian(bytes[at..]);
        at += 4;
        if (value < 0)
            throw new FormatException("assignment: negative count or partition");
        return value;
    }
}
