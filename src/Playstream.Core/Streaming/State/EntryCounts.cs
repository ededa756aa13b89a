namespace Playstream.Core.Streaming.State;

/// <summary>
/// The count in front of a list of entries, read back from stored bytes: one that the bytes left
/// cannot hold (each entry takes at least a few) is damage, told as the end of the data coming
/// too soon, before anything is sized by it.
/// </summary>
internal static class EntryCounts
{
    /// <exception cref="EndOfStreamException">The count is negative, or more than the rest of the stream holds.</exception>
    public static int Read(BinaryReader reader, int minBytesPerEntry)
    {
        var count = reader.Read7BitEncodedInt();
        var stream = reader.BaseStream;
        if (count < 0 || (stream.CanSeek && (long)count * minBytesPerEntry > stream.Length - stream.Position))
            throw new EndOfStreamException($"a count of {count} entries runs past the end of the data");
        return count;
    }
}
