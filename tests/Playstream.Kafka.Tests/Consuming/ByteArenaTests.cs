using Confluent.Kafka;
using Playstream.Kafka.Consuming;

namespace Playstream.Kafka.Tests.Consuming;

public class ByteArenaTests
{
    private static readonly SerializationContext Context = new(MessageComponentType.Key, "plays");

    [Fact]
    public void Each_key_keeps_its_own_bytes_when_later_keys_are_read()
    {
        var arena = new ByteArena();
        var keys = Enumerable.Range(0, 10_000).Select(i => $"{i}@0123456789abcdef:{i * 47}").ToList();

        // Enough keys to fill several chunks: earlier slices must not be overwritten.
        var read = keys.Select(k => arena.Deserialize(System.Text.Encoding.ASCII.GetBytes(k), false, Context)).ToList();

        Assert.Equal(keys, read.Select(m => System.Text.Encoding.ASCII.GetString(m.Span)));
    }

    [Fact]
    public void No_key_and_an_empty_key_are_empty_and_a_large_key_is_whole()
    {
        var arena = new ByteArena();
        Assert.True(arena.Deserialize(default, true, Context).IsEmpty);
        Assert.True(arena.Deserialize([], false, Context).IsEmpty);
        var large = Enumerable.Range(0, 20_000).Select(i => (byte)i).ToArray();
        Assert.Equal(large, arena.Deserialize(large, false, Context).ToArray());
    }
}
