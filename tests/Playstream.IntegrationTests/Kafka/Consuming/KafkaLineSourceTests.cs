using System.Text;
using Confluent.Kafka;
using Playstream.Kafka.Consuming;

namespace Playstream.IntegrationTests.Kafka.Consuming;

/// <summary>A group member reading lines from the real broker: each record once, in offset order, keys kept; offsets move only when committed.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaLineSourceTests(KafkaBroker broker)
{
    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    [Fact]
    public async Task Every_record_is_read_once_by_partition_in_offset_order_with_its_key()
    {
        var topic = await broker.CreateTopicAsync("lines", 3);
        var written = Enumerable.Range(0, 60).Select(i => (Partition: i % 3, Key: i % 4 == 0 ? null : $"k{i}", Value: $"line {i}")).ToList();
        RecordWriter.Write(broker.Options(), topic, written);
        using var source = new KafkaLineSource(broker.Options(), $"lines-{Guid.NewGuid():N}", [topic], maxBatchRecords: 7);

        var read = new List<(int Partition, long Offset, string? Key, string Value)>();
        GroupReading.ReadUntilIdle(source, batch =>
        {
            Assert.Equal($"{topic}/{batch.Partition}", batch.Source);
            Assert.InRange(batch.Records.Count, 1, 7);
            foreach (var record in batch.Records)
                read.Add((record.Partition, record.Offset, record.Key.IsEmpty ? null : Text(record.Key), Text(record.Value)));
        });

        // Each partition's records in the order they were written.
        Assert.Equal(written.GroupBy(w => w.Partition).OrderBy(g => g.Key).SelectMany(g => g).Select(w => (w.Partition, w.Key, w.Value)),
            read.OrderBy(r => r.Partition).ThenBy(r => r.Offset).Select(r => (r.Partition, r.Key, r.Value)));
        foreach (var partition in read.GroupBy(r => r.Partition))
            Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i), partition.Select(r => r.Offset).Order());
        Assert.True(source.IsCaughtUp());
    }

    [Fact]
    public async Task Nothing_is_committed_behind_the_callers_back_and_the_next_member_starts_at_what_was()
    {
        var topic = await broker.CreateTopicAsync("commits", 1);
        var group = $"commits-{Guid.NewGuid():N}";
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 10).Select(i => (0, (string?)null, $"line {i}")));
        using (var first = new KafkaLineSource(broker.Options(), group, [topic]))
        {
            GroupReading.ReadUntilIdle(first, _ => { });
            Assert.Equal(Offset.Unset, first.Committed([new TopicPartition(topic, 0)]).Single().Offset);
            first.Commit([new TopicPartitionOffset(topic, 0, 6), new TopicPartitionOffset(topic, 0, Offset.Unset)]);
        }

        using var second = new KafkaLineSource(broker.Options(), group, [topic]);
        var offsets = new List<long>();
        GroupReading.ReadUntilIdle(second, batch => offsets.AddRange(batch.Records.Select(r => r.Offset)));

        Assert.Equal([6L, 7L, 8L, 9L], offsets);
    }

    [Fact]
    public async Task A_start_given_on_assignment_wins_over_the_committed_offset()
    {
        var topic = await broker.CreateTopicAsync("starts", 1);
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 5).Select(i => (0, (string?)null, $"line {i}")));
        using var source = new KafkaLineSource(broker.Options(), $"starts-{Guid.NewGuid():N}", [topic])
        {
            PartitionsAssigned = partitions => partitions.Select(p => new TopicPartitionOffset(p, 3)),
        };
        var values = new List<string>();
        GroupReading.ReadUntilIdle(source, batch => values.AddRange(batch.Records.Select(r => Text(r.Value))));

        Assert.Equal(["line 3", "line 4"], values);
    }

    [Fact]
    public void A_reader_needs_a_topic_and_is_not_caught_up_before_it_has_partitions()
    {
        Assert.Throws<ArgumentException>(() => new KafkaLineSource(broker.Options(), "g", []));
        using var source = new KafkaLineSource(broker.Options(), $"unassigned-{Guid.NewGuid():N}", [broker.NewTopicName("never-created")]);
        Assert.False(source.IsCaughtUp());
        Assert.False(source.IsIdle(TimeSpan.Zero));
    }
}
