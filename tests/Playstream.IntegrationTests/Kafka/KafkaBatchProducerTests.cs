using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Playstream.IntegrationTests.Shipping;
using Playstream.Kafka.Producing;

namespace Playstream.IntegrationTests.Kafka;

/// <summary>The one producer against the real broker.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaBatchProducerTests(KafkaBroker broker)
{
    private const int Partitions = 3;

    private sealed class Tokens : IDeliveryReceiver
    {
        public ConcurrentQueue<long> Seen { get; } = new();

        public void Delivered(ReadOnlySpan<long> tokens)
        {
            foreach (var token in tokens)
                Seen.Enqueue(token);
        }
    }

    [Fact]
    public async Task Records_sent_to_chosen_partitions_arrive_there_in_the_order_sent_and_each_token_comes_back_once()
    {
        const int count = 10_000;
        var topic = await broker.CreateTopicAsync("producer-order", Partitions);
        var receiver = new Tokens();
        using (var producer = new KafkaBatchProducer(broker.Options(), topic, new ProducerSettings { MaxQueuedRecords = 1_000 }, "records", receiver))
        {
            for (var i = 0; i < count; i++)
            {
                // A bound of 1,000 makes the sender wait for acknowledgements many times on the way.
                var text = i.ToString(CultureInfo.InvariantCulture);
                Assert.True(producer.Send(Encoding.ASCII.GetBytes("k" + text), Encoding.ASCII.GetBytes(text), i % Partitions, i, CancellationToken.None));
            }
            Assert.True(producer.Flush(TimeSpan.FromSeconds(60)));
            Assert.Equal(count, producer.Delivered);
            Assert.Equal(0, producer.InFlight);
        }

        Assert.Equal(Enumerable.Range(0, count).Select(i => (long)i), receiver.Seen.Order());
        var records = TopicContents.Read(broker.Options(), topic, Partitions);
        Assert.Equal(count, records.Count);
        foreach (var partition in Enumerable.Range(0, Partitions))
        {
            var values = records.Where(r => r.Partition == partition).Select(r => int.Parse(r.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(0, count).Where(i => i % Partitions == partition), values);
        }
        Assert.All(records, r => Assert.Equal("k" + r.Value, r.Key));
    }

    [Fact]
    public async Task A_record_sent_to_any_partition_lands_where_its_customer_part_puts_it_and_one_without_a_key_has_none()
    {
        var topic = await broker.CreateTopicAsync("producer-any", Partitions);
        using (var producer = new KafkaBatchProducer(broker.Options(), topic, new ProducerSettings(), "records"))
        {
            foreach (var customer in Enumerable.Range(0, 50))
                producer.SendOrThrow(Encoding.ASCII.GetBytes($"{customer}@0123456789abcdef:{customer * 10}"), Encoding.ASCII.GetBytes($"c{customer}"));
            producer.SendOrThrow([], "unkeyed"u8);
            producer.FlushOrThrow(TimeSpan.FromSeconds(30));
        }

        var records = TopicContents.Read(broker.Options(), topic, Partitions);
        Assert.Equal(51, records.Count);
        foreach (var record in records.Where(r => r.Key is not null))
            Assert.Equal(CustomerPartitioner.PartitionOf(Encoding.ASCII.GetBytes(record.Value[1..]), Partitions), record.Partition);
        Assert.Null(Assert.Single(records, r => r.Value == "unkeyed").Key);
    }
}
