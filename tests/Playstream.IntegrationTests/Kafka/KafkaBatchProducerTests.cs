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
    public async Task Records_sent_to_any_partition_land_where_their_customer_part_puts_them_in_the_order_sent()
    {
        const int count = 3_000;
        var topic = await broker.CreateTopicAsync("producer-any", Partitions);
        using (var producer = new KafkaBatchProducer(broker.Options(), topic, new ProducerSettings(), "records"))
        {
            // The first hand-over goes through librdkafka's partitioner, which tells the producer how
            // many partitions there are; later batches are placed by the producer itself.
            for (var i = 0; i < count; i++)
            {
                // Every tenth without a customer part (placed at random), one without a key at all.
                var customer = i % 10 == 3 || i == 7 ? "" : (i % 70).ToString(CultureInfo.InvariantCulture);
                var key = i == 7 ? "" : $"{customer}@0123456789abcdef:{i}";
                Assert.True(producer.Send(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes($"{i},{customer}"), KafkaBatchProducer.AnyPartition, i, CancellationToken.None));
                if (i == 0)
                    producer.FlushOrThrow(TimeSpan.FromSeconds(30));
            }
            producer.FlushOrThrow(TimeSpan.FromSeconds(30));
        }

        var records = TopicContents.Read(broker.Options(), topic, Partitions);
        Assert.Equal(count, records.Count);
        foreach (var record in records.Where(r => !r.Value.EndsWith(',')))
            Assert.Equal(CustomerPartitioner.PartitionOf(Encoding.ASCII.GetBytes(record.Value.Split(',')[1]), Partitions), record.Partition);
        foreach (var partition in Enumerable.Range(0, Partitions))
        {
            var sent = records.Where(r => r.Partition == partition).Select(r => int.Parse(r.Value.Split(',')[0], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sent.Order(), sent);
        }
        Assert.Null(Assert.Single(records, r => r.Value == "7,").Key);
    }

    [Fact]
    public async Task A_record_sent_now_is_delivered_without_a_flush_while_the_sender_waits_for_more()
    {
        var topic = await broker.CreateTopicAsync("producer-now", Partitions);
        using var producer = new KafkaBatchProducer(broker.Options(), topic, new ProducerSettings(), "records");

        producer.SendNowOrThrow("42"u8, "one"u8);

        // A guard against a hang, not a performance bound.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (producer.Delivered == 0 && DateTime.UtcNow < deadline)
            Thread.Sleep(20);
        Assert.Equal(1, producer.Delivered);
        Assert.Equal("one", Assert.Single(TopicContents.Read(broker.Options(), topic, Partitions)).Value);
    }
}
