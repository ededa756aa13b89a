using System.Globalization;
using System.Text;
using Playstream.IntegrationTests.Shipping;
using Playstream.Kafka.Streaming;

namespace Playstream.IntegrationTests.Kafka.Streaming;

/// <summary>The repartition producer against the real broker.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaRepartitionProducerTests(KafkaBroker broker)
{
    [Fact]
    public async Task Records_land_in_the_partition_asked_in_the_order_produced()
    {
        const int partitions = 3, count = 3_000;
        var topic = await broker.CreateTopicAsync("repartition", partitions);
        var random = new Random(4);
        var asked = Enumerable.Range(0, count).Select(_ => random.Next(partitions)).ToArray();
        using (var producer = new KafkaRepartitionProducer(broker.Options(), topic))
        {
            for (var i = 0; i < count; i++)
            {
                var text = i.ToString(CultureInfo.InvariantCulture);
                producer.Produce(asked[i], Encoding.ASCII.GetBytes("batch " + text), Encoding.ASCII.GetBytes(text));
            }
            await producer.FlushAsync(CancellationToken.None);
            Assert.Equal(count, producer.Delivered);
        }

        var records = TopicContents.Read(broker.Options(), topic, partitions);
        Assert.Equal(count, records.Count);
        Assert.All(records, r => Assert.Equal(asked[int.Parse(r.Value, CultureInfo.InvariantCulture)], r.Partition));
        Assert.All(records, r => Assert.Equal("batch " + r.Value, r.Key));
        foreach (var partition in Enumerable.Range(0, partitions))
            Assert.Equal(Enumerable.Range(0, count).Where(i => asked[i] == partition),
                records.Where(r => r.Partition == partition).Select(r => int.Parse(r.Value, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_negative_partition_is_refused()
    {
        using var producer = new KafkaRepartitionProducer(broker.Options(), broker.NewTopicName("unused"));
        Assert.Throws<ArgumentOutOfRangeException>(() => producer.Produce(-1, "k"u8, "v"u8));
    }
}
