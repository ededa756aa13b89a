using Confluent.Kafka;
using Playstream.Kafka.Consuming;

namespace Playstream.IntegrationTests.Kafka.Consuming;

/// <summary>Watermarks and a group's committed offsets, read without joining the group, against the real broker.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaOffsetsTests(KafkaBroker broker)
{
    [Fact]
    public async Task Watermarks_count_the_records_of_each_partition()
    {
        var topic = await broker.CreateTopicAsync("offsets", 2);
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 7).Select(i => (i < 5 ? 0 : 1, (string?)null, $"line {i}")));

        using var offsets = new KafkaOffsets(broker.Options(), group: null);

        Assert.Equal((0L, 5L), Read(offsets.Watermarks(new TopicPartition(topic, 0), TimeSpan.FromSeconds(10))));
        Assert.Equal((0L, 2L), Read(offsets.Watermarks(new TopicPartition(topic, 1), TimeSpan.FromSeconds(10))));

        static (long, long) Read(WatermarkOffsets w) => (w.Low.Value, w.High.Value);
    }

    [Fact]
    public async Task A_groups_committed_offsets_are_read_and_unset_where_it_committed_none()
    {
        var topic = await broker.CreateTopicAsync("committed", 2);
        var group = $"offsets-{Guid.NewGuid():N}";
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 4).Select(i => (0, (string?)null, $"line {i}")));
        using (var member = new KafkaLineSource(broker.Options(), group, [topic]))
        {
            GroupReading.ReadUntilIdle(member, _ => { });
            member.Commit([new TopicPartitionOffset(topic, 0, 3)]);
        }

        using var offsets = new KafkaOffsets(broker.Options(), group);
        var committed = offsets.Committed([new TopicPartition(topic, 0), new TopicPartition(topic, 1)], TimeSpan.FromSeconds(10));

        Assert.Equal([(0, 3L), (1, Offset.Unset.Value)], committed.Select(c => (c.Partition.Value, c.Offset.Value)).Order());
    }

    [Fact]
    public void A_broker_that_does_not_answer_is_an_error_and_the_next_call_starts_afresh()
    {
        var nowhere = broker.Options();
        nowhere.BootstrapServers = $"127.0.0.1:{TestSupport.FreePort.Next()}";
        using var offsets = new KafkaOffsets(nowhere, group: null);

        Assert.Throws<KafkaException>(() => offsets.Watermarks(new TopicPartition("t", 0), TimeSpan.FromSeconds(1)));
        Assert.Throws<KafkaException>(() => offsets.Watermarks(new TopicPartition("t", 0), TimeSpan.FromSeconds(1)));
    }
}
