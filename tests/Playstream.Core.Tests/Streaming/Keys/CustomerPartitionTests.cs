using System.Globalization;
using System.Text;
using Playstream.Core.Streaming.Keys;

namespace Playstream.Core.Tests.Streaming.Keys;

public sealed class CustomerPartitionTests
{
    [Theory]
    // Kafka's own test vectors for Utils.murmur2.
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    [InlineData("abc", 479470107)]
    public void Murmur2_gives_the_java_clients_values(string text, int expected) =>
        Assert.Equal(expected, CustomerPartition.Murmur2(Encoding.ASCII.GetBytes(text)));

    [Theory]
    // (murmur2 & 0x7fffffff) % partitions, as the Java client and Logstash place a record keyed by the id.
    [InlineData(42, 3, 1)]
    [InlineData(7, 3, 0)]
    [InlineData(0, 12, 8)]
    [InlineData(4999, 7, 6)]
    [InlineData(int.MaxValue, 3, 2)]
    public void A_customer_lands_where_a_record_keyed_by_its_id_lands(int customer, int partitions, int expected)
    {
        Assert.Equal(expected, CustomerPartition.Of(customer, partitions));
        Assert.Equal(expected, CustomerPartition.Of(Encoding.ASCII.GetBytes(customer.ToString(CultureInfo.InvariantCulture)), partitions));
    }

    [Fact]
    public void Every_partition_is_within_range_and_used()
    {
        var seen = Enumerable.Range(0, 2000).Select(c => CustomerPartition.Of(c, 7)).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 7), seen.Order());
    }

    [Fact]
    public void No_partitions_is_refused() => Assert.Throws<ArgumentOutOfRangeException>(() => CustomerPartition.Of(1, 0));
}
