using System.Globalization;
using System.Text;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Tests.Producing;

public class CustomerPartitionerTests
{
    /// <summary>
    /// The Java client's murmur2 (Utils.murmur2), written here from its description, independently
    /// of librdkafka's: seed 0x9747b28c, m 0x5bd1e995, r 24, little-endian 4-byte words.
    /// </summary>
    private static int JavaMurmur2(byte[] data)
    {
        const uint m = 0x5bd1e995;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;
        var whole = length / 4;
        for (var i = 0; i < whole; i++)
        {
            var k = (uint)(data[4 * i] | (data[4 * i + 1] << 8) | (data[4 * i + 2] << 16) | (data[4 * i + 3] << 24));
            k *= m;
            k ^= k >> 24;
            k *= m;
            h *= m;
            h ^= k;
        }
        var tail = length % 4;
        if (tail >= 3) h ^= (uint)data[(length & ~3) + 2] << 16;
        if (tail >= 2) h ^= (uint)data[(length & ~3) + 1] << 8;
        if (tail >= 1)
        {
            h ^= data[length & ~3];
            h *= m;
        }
        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return unchecked((int)h);
    }

    /// <summary>Where the Java client (and so Logstash) puts a record of this key: toPositive(murmur2) % partitions.</summary>
    private static int JavaPartition(string key, int partitions) => (JavaMurmur2(Encoding.ASCII.GetBytes(key)) & 0x7fffffff) % partitions;

    private static byte[] ShipperKey(string customer, ulong source, long offset)
    {
        var key = new byte[ShippedLineKey.MaxLength];
        var length = ShippedLineKey.Write(key, Encoding.ASCII.GetBytes(customer), ShippedLineKey.SourcePart(source), offset);
        return key[..length];
    }

    [Theory]
    // Kafka's own test vectors for Utils.murmur2.
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void The_reference_murmur2_gives_the_java_clients_values(string text, int expected) =>
        Assert.Equal(expected, JavaMurmur2(Encoding.ASCII.GetBytes(text)));

    [Theory]
    [InlineData("42", 3, 1)]
    [InlineData("7", 3, 0)]
    [InlineData("0", 12, 8)]
    [InlineData("4999", 7, 6)]
    [InlineData("2147483647", 3, 2)]
    public void A_shipper_key_lands_where_its_bare_customer_id_would(string customer, int partitions, int expected)
    {
        Assert.Equal(expected, JavaPartition(customer, partitions));
        Assert.Equal(expected, CustomerPartitioner.PartitionOf(ShipperKey(customer, 0xfedcba9876543210UL, 1_234_567), partitions));
        Assert.Equal(expected, CustomerPartitioner.PartitionOf(Encoding.ASCII.GetBytes(customer), partitions));
    }

    [Fact]
    public void Every_customer_of_a_range_and_every_position_lands_as_with_its_bare_id()
    {
        var random = new Random(11);
        foreach (var partitions in new[] { 1, 2, 3, 5, 16, 100 })
        {
            for (var customer = 0; customer < 3000; customer++)
            {
                var id = customer.ToString(CultureInfo.InvariantCulture);
                var key = ShipperKey(id, (ulong)random.NextInt64(), random.NextInt64(0, long.MaxValue));
                Assert.Equal(JavaPartition(id, partitions), CustomerPartitioner.PartitionOf(key, partitions));
            }
        }
    }

    [Fact]
    public void Another_librdkafka_partitioner_also_sees_the_customer_part_alone()
    {
        // consistent is CRC32 of the key: the position must not change the partition either.
        var first = CustomerPartitioner.PartitionOf(ShipperKey("42", 1, 0), 16, "consistent");
        Assert.Equal(CustomerPartitioner.PartitionOf("42"u8, 16, "consistent"), first);
        Assert.All(Enumerable.Range(1, 50), offset => Assert.Equal(first, CustomerPartitioner.PartitionOf(ShipperKey("42", (ulong)offset * 7919, offset * 40L), 16, "consistent")));
    }

    [Fact]
    public void An_unknown_partitioner_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CustomerPartitioner.PartitionOf("42"u8, 3, "round_robin"));
    }
}
