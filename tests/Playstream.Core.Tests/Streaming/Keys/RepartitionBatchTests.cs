using System.Text;
using Playstream.Core.Streaming.Keys;

namespace Playstream.Core.Tests.Streaming.Keys;

public class RepartitionBatchTests
{
    private static List<(long Offset, string Line)> ReadBack(RepartitionBatch.Builder batch, int partition)
    {
        Assert.True(RepartitionBatch.TryReadKey(batch.Key(partition), out var source, out var first));
        Assert.Equal(partition, source);
        var reader = RepartitionBatch.Read(batch.Value, first);
        var lines = new List<(long, string)>();
        while (reader.Next(out var offset, out var line))
            lines.Add((offset, Encoding.UTF8.GetString(line)));
        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lines_come_back_with_their_offsets_in_order(int seed)
    {
        var random = new Random(seed);
        var expected = new List<(long, string)>();
        var batch = new RepartitionBatch.Builder();
        var offset = (long)random.Next(0, 1000) * random.Next(1, 1_000_000);
        for (var i = 0; i < 2000; i++)
        {
            // Gaps of 1 to beyond one LEB128 byte, lines empty to several kilobytes (the buffer grows).
            offset += random.Next(4) == 0 ? random.Next(128, 100_000) : random.Next(1, 5);
            var line = new string((char)('a' + random.Next(26)), random.Next(20) == 0 ? random.Next(200, 5000) : random.Next(0, 60));
            batch.Add(offset, Encoding.UTF8.GetBytes(line));
            expected.Add((offset, line));
        }
        Assert.Equal(expected.Count, batch.Count);
        Assert.Equal(expected, ReadBack(batch, seed));
    }

    [Fact]
    public void Offsets_beyond_32_bits_and_partition_numbers_survive()
    {
        var batch = new RepartitionBatch.Builder();
        batch.Add(long.MaxValue - 10, "x"u8);
        batch.Add(long.MaxValue, "yz"u8);
        Assert.Equal([(long.MaxValue - 10, "x"), (long.MaxValue, "yz")], ReadBack(batch, int.MaxValue));
    }

    [Fact]
    public void A_cleared_batch_starts_again_from_its_next_line()
    {
        var batch = new RepartitionBatch.Builder();
        batch.Add(5, "a"u8);
        batch.Clear();
        Assert.True(batch.IsEmpty);
        batch.Add(3, "b"u8);
        Assert.Equal([(3L, "b")], ReadBack(batch, 0));
    }

    [Fact]
    public void Lines_must_be_added_in_offset_order()
    {
        var batch = new RepartitionBatch.Builder();
        batch.Add(5, "a"u8);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Add(5, "b"u8));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Add(4, "b"u8));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    [InlineData(13)]
    [InlineData(16)] // the one-record-per-line keys of earlier versions
    public void A_key_of_another_length_is_not_a_batch_key(int length)
    {
        Assert.False(RepartitionBatch.TryReadKey(new byte[length], out _, out _));
    }

    [Fact]
    public void A_truncated_or_foreign_value_is_refused_with_a_reason()
    {
        var batch = new RepartitionBatch.Builder();
        batch.Add(1, "hello"u8);
        var value = batch.Value.ToArray();
        Assert.Contains("ends inside a line", Assert.Throws<InvalidDataException>(() => Walk(value[..^1])).Message);
        Assert.Contains("not a batch", Assert.Throws<InvalidDataException>(() => Walk("1,2,3"u8.ToArray())).Message);
        Assert.Contains("not a batch", Assert.Throws<InvalidDataException>(() => Walk([])).Message);
    }

    private static void Walk(byte[] value)
    {
        var reader = RepartitionBatch.Read(value, 0);
        while (reader.Next(out _, out _))
        {
        }
    }
}
