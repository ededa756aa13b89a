using System.Text;
using Confluent.Kafka;
using Playstream.Core.Streaming.Ports;
using Playstream.Kafka.Consuming;
using Playstream.Kafka.Streaming;

namespace Playstream.IntegrationTests.Kafka.Streaming;

/// <summary>A streaming job's member reading the input and repartition topics of the real broker, in partition pairs.</summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaRecordSourceTests(KafkaBroker broker)
{
    /// <summary>A guard against a hang, not a performance bound: joining a group takes a few seconds.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    private sealed record Read(int Partition, RecordTopic Topic, long Offset, string Key, string Value);

    private sealed class Member(KafkaRecordSource source)
    {
        public KafkaRecordSource Source { get; } = source;
        public HashSet<int> Held { get; } = [];
        public List<AssignmentChange> Changes { get; } = [];
        public List<Read> Records { get; } = [];

        /// <summary>One poll: its assignment changes noted, its records copied (they hold until the next poll only).</summary>
        public void Poll()
        {
            var batches = Source.Poll(TimeSpan.FromMilliseconds(100));
            foreach (var batch in batches)
                foreach (var record in batch.Records)
                {
                    Assert.True(Held.Contains(batch.Partition), $"a record of partition {batch.Partition}, which this member does not hold");
                    Records.Add(new Read(batch.Partition, batch.Topic, record.Offset, Encoding.UTF8.GetString(record.Key.Span), Encoding.UTF8.GetString(record.Value.Span)));
                }
            foreach (var change in Source.TakeAssignmentChanges())
            {
                Changes.Add(change);
                if (change.Assigned)
                    Held.Add(change.Partition);
                else
                    Held.Remove(change.Partition);
            }
        }
    }

    private static void PollUntil(Func<bool> done, string what, params Member[] members)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting for {what}");
            foreach (var member in members)
                member.Poll();
        }
    }

    private async Task<(string Input, string Repartition)> TopicsAsync(string purpose, int partitions)
    {
        var input = await broker.CreateTopicAsync($"{purpose}-in", partitions);
        var repartition = await broker.CreateTopicAsync($"{purpose}-re", partitions);
        return (input, repartition);
    }

    private static IEnumerable<(int, string?, string)> Records(string topic, int partition, int count) =>
        Enumerable.Range(0, count).Select(i => (partition, (string?)$"{topic}-k{partition}-{i}", $"{topic} {partition} {i}"));

    [Fact]
    public async Task Records_of_both_topics_are_handed_over_by_partition_and_topic_only_once_started_and_from_the_offsets_given()
    {
        var (input, repartition) = await TopicsAsync("source", 2);
        RecordWriter.Write(broker.Options(), input, [.. Records("in", 0, 10), .. Records("in", 1, 6)]);
        RecordWriter.Write(broker.Options(), repartition, [.. Records("re", 0, 4), .. Records("re", 1, 3)]);
        using var source = new KafkaRecordSource(broker.Options(), $"source-{Guid.NewGuid():N}", input, repartition, 2, maxRecordsPerPoll: 5);
        var member = new Member(source);
        Assert.Equal(2, source.Partitions);

        PollUntil(() => member.Held.SetEquals([0, 1]), "both partition pairs", member);
        Assert.Equal([new AssignmentChange(0, true), new AssignmentChange(1, true)], member.Changes.OrderBy(c => c.Partition));
        // Held but not started: nothing is handed over, however long it polls.
        var quiet = DateTime.UtcNow.AddSeconds(3);
        while (DateTime.UtcNow < quiet)
            member.Poll();
        Assert.Empty(member.Records);

        source.Start(0, inputOffset: 3, repartitionOffset: 1);
        source.Start(1, inputOffset: 0, repartitionOffset: 2);
        source.Start(5, 0, 0); // not held: nothing happens
        PollUntil(() => member.Records.Count >= 7 + 3 + 6 + 1, "the records after the offsets given", member);
        for (var i = 0; i < 10; i++)
            member.Poll();

        List<Read> expected =
        [
            .. Enumerable.Range(3, 7).Select(i => new Read(0, RecordTopic.Input, i, $"in-k0-{i}", $"in 0 {i}")),
            .. Enumerable.Range(1, 3).Select(i => new Read(0, RecordTopic.Repartition, i, $"re-k0-{i}", $"re 0 {i}")),
            .. Enumerable.Range(0, 6).Select(i => new Read(1, RecordTopic.Input, i, $"in-k1-{i}", $"in 1 {i}")),
            new Read(1, RecordTopic.Repartition, 2, "re-k1-2", "re 1 2"),
        ];
        Assert.Equal(expected, member.Records.OrderBy(r => r.Partition).ThenBy(r => r.Topic).ThenBy(r => r.Offset));
        // Each partition's records of each topic in offset order, as they came.
        foreach (var stream in member.Records.GroupBy(r => (r.Partition, r.Topic)))
            Assert.Equal(stream.Select(r => r.Offset).Order(), stream.Select(r => r.Offset));
    }

    [Fact]
    public async Task Ends_are_the_watermarks_of_both_topics_partitions()
    {
        var (input, repartition) = await TopicsAsync("ends", 2);
        RecordWriter.Write(broker.Options(), input, [.. Records("in", 0, 5), .. Records("in", 1, 2)]);
        RecordWriter.Write(broker.Options(), repartition, Records("re", 1, 3));
        using var source = new KafkaRecordSource(broker.Options(), $"ends-{Guid.NewGuid():N}", input, repartition, 2);

        Assert.Equal(new PartitionEnds(0, 5, 0, 0), source.Ends(0));
        Assert.Equal(new PartitionEnds(0, 2, 0, 3), source.Ends(1));
    }

    [Fact]
    public async Task Positions_reported_are_committed_for_the_started_partitions_and_the_group_reads_them_back()
    {
        var (input, repartition) = await TopicsAsync("report", 2);
        RecordWriter.Write(broker.Options(), input, [.. Records("in", 0, 8), .. Records("in", 1, 8)]);
        RecordWriter.Write(broker.Options(), repartition, [.. Records("re", 0, 5), .. Records("re", 1, 5)]);
        var group = $"report-{Guid.NewGuid():N}";
        using var source = new KafkaRecordSource(broker.Options(), group, input, repartition, 2);
        var member = new Member(source);
        PollUntil(() => member.Held.SetEquals([0, 1]), "both partition pairs", member);
        source.Start(0, 0, 0);

        // Partition 1 is held but not started; offset 0 says nothing was taken.
        source.ReportPositions([(0, 7, 2), (1, 4, 4)]);
        source.ReportPositions([(0, 8, 0)]);

        using var offsets = new KafkaOffsets(broker.Options(), group);
        var committed = offsets.Committed(
            [new TopicPartition(input, 0), new TopicPartition(repartition, 0), new TopicPartition(input, 1), new TopicPartition(repartition, 1)], TimeSpan.FromSeconds(10));
        Assert.Equal(
            new[] { ($"{input}/0", 8L), ($"{repartition}/0", 2L), ($"{input}/1", Offset.Unset.Value), ($"{repartition}/1", Offset.Unset.Value) }.Order(),
            committed.Select(c => ($"{c.Topic}/{c.Partition.Value}", c.Offset.Value)).Order());
    }

    [Fact]
    public async Task Two_members_hold_the_partitions_in_pairs_and_the_first_is_told_of_those_taken_away()
    {
        var (input, repartition) = await TopicsAsync("pairs", 4);
        var group = $"pairs-{Guid.NewGuid():N}";
        using var first = new KafkaRecordSource(broker.Options(), group, input, repartition, 4);
        var a = new Member(first);
        PollUntil(() => a.Held.Count == 4, "the first member holding every pair", a);

        using var second = new KafkaRecordSource(broker.Options(), group, input, repartition, 4);
        var b = new Member(second);
        PollUntil(() => a.Held.Count == 2 && b.Held.Count == 2, "the pairs shared between two members", a, b);

        Assert.Equal([0, 1, 2, 3], a.Held.Concat(b.Held).Order());
        // The pairs the second member holds were handed over by the first: revoked in the rebalance, not lost.
        Assert.All(b.Held, p => Assert.Contains(new AssignmentChange(p, false), a.Changes));
        Assert.DoesNotContain(a.Changes, c => c.Lost);
        Assert.All(b.Changes, c => Assert.True(c.Assigned));
    }
}
