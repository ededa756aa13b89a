using System.Buffers.Text;

namespace Playstream.Core.Streaming.Keys;

/// <summary>
/// Which partition holds a customer's state: the Java client's default partitioner
/// (murmur2 of the key bytes, sign bit cleared, modulo the partition count) applied to the
/// customer_id as decimal text. It is the partition Logstash, kcat and <c>playstream ship</c>
/// pick for a record keyed by that customer_id, so records already keyed that way are where
/// they belong and skip the repartition hop.
/// </summary>
public static class CustomerPartition
{
    /// <summary>The partition of a customer among <paramref name="partitions"/>.</summary>
    public static int Of(int customerId, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(customerId, digits, out var length);
        return Of(digits[..length], partitions);
    }

    /// <summary>The partition of a key's bytes among <paramref name="partitions"/>.</summary>
    public static int Of(ReadOnlySpan<byte> key, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return (Murmur2(key) & 0x7fffffff) % partitions;
    }

    /// <summary>Kafka's murmur2 (seed 0x9747b28c), as its Java client and librdkafka compute it.</summary>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;
        var whole = length & ~3;
        for (var i = 0; i < whole; i += 4)
        {
            var k = data[i] | ((uint)data[i + 1] << 8) | ((uint)data[i + 2] << 16) | ((uint)data[i + 3] << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        switch (length & 3)
        {
            case 3:
                h ^= (uint)data[whole + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[whole + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[whole];
                h *= m;
                break;
        }
        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
