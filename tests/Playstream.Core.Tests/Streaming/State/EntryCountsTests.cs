using Playstream.Core.Streaming.State;

namespace Playstream.Core.Tests.Streaming.State;

public sealed class EntryCountsTests
{
    private static BinaryReader Reader(int count, int bytesAfter)
    {
        var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write7BitEncodedInt(count);
            writer.Write(new byte[bytesAfter]);
        }
        buffer.Position = 0;
        return new BinaryReader(buffer);
    }

    [Theory]
    [InlineData(0, 0, 4)]
    [InlineData(3, 12, 4)]    // exactly as many bytes as three entries of four need
    [InlineData(300, 900, 3)]
    public void A_count_the_rest_of_the_data_can_hold_is_read(int count, int bytesAfter, int perEntry)
    {
        using var reader = Reader(count, bytesAfter);
        Assert.Equal(count, EntryCounts.Read(reader, perEntry));
    }

    [Theory]
    [InlineData(3, 11, 4)]            // one byte short
    [InlineData(int.MaxValue, 16, 1)]
    [InlineData(-1, 16, 1)]
    public void A_count_the_rest_cannot_hold_is_the_end_of_the_data_coming_too_soon(int count, int bytesAfter, int perEntry)
    {
        using var reader = Reader(count, bytesAfter);
        var e = Assert.Throws<EndOfStreamException>(() => EntryCounts.Read(reader, perEntry));
        Assert.Equal($"a count of {count} entries runs past the end of the data", e.Message);
    }
}
