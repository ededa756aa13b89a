using Confluent.Kafka;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Consuming;
using Playstream.Processor.Metrics;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Processor.Metrics;

/// <summary>A group's status read from the real broker (members, committed offsets, watermarks) and Redis (checkpoints).</summary>
[Collection(KafkaCollection.Name)]
public sealed class GroupStatusReaderTests(KafkaBroker broker, RedisServer redisServer) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task Members_partitions_offsets_and_lag_are_read_while_the_group_is_up()
    {
        var topic = await broker.CreateTopicAsync("status", 2);
        var group = $"status-{Guid.NewGuid():N}";
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 9).Select(i => (i % 2, (string?)null, $"line {i}")));
        using var member = new KafkaLineSource(broker.Options(), group, [topic]);
        GroupReading.ReadUntilIdle(member, _ => { });
        member.Commit([new TopicPartitionOffset(topic, 0, 3)]);

        var status = await GroupStatusReader.ReadAsync(broker.Options(), redis: null, group, topic);

        Assert.Equal((group, topic, "Stable"), (status.Group, status.Topic, status.State));
        var only = Assert.Single(status.Members);
        Assert.Equal([0, 1], only.Partitions);
        Assert.Equal("playstream", only.ClientId);
        Assert.Equal(
            [(0, (long?)3, 5L, 2L), (1, null, 4L, 4L)],
            status.Partitions.Select(p => (p.Partition, p.Committed, p.HighWatermark, p.Lag)));
        Assert.All(status.Partitions, p => Assert.Equal($"playstream@{only.ClientHost}", p.Owner));
        Assert.Equal("not read", status.Checkpoints);
    }

    [Fact]
    public async Task A_group_never_seen_has_no_members_and_a_missing_topic_is_named()
    {
        var topic = await broker.CreateTopicAsync("status-empty", 1);

        var status = await GroupStatusReader.ReadAsync(broker.Options(), redis: null, $"nobody-{Guid.NewGuid():N}", topic);

        Assert.Empty(status.Members);
        Assert.Null(Assert.Single(status.Partitions).Owner);
        var missing = broker.NewTopicName("status-missing");
        var e = await Assert.ThrowsAsync<TopicAdminException>(() => GroupStatusReader.ReadAsync(broker.Options(), null, "g", missing));
        Assert.Equal($"topic '{missing}' does not exist", e.Message);
    }

    [Fact]
    public async Task Checkpoints_are_left_out_with_the_reason_when_redis_does_not_answer_and_empty_when_there_are_none()
    {
        var topic = await broker.CreateTopicAsync("status-redis", 1);
        var nowhere = new RedisOptions { Endpoint = $"127.0.0.1:{FreePort.Next()}" };

        var without = await GroupStatusReader.ReadAsync(broker.Options(), nowhere, "g", topic);
        Assert.StartsWith($"redis at {nowhere.Describe()} is not reachable", without.Checkpoints, StringComparison.Ordinal);

        var with = await GroupStatusReader.ReadAsync(broker.Options(), redisServer.Options(RedisServer.NewPrefix()), "g", topic);
        Assert.Null(with.Checkpoints);
        Assert.Null(Assert.Single(with.Partitions).CheckpointOffset);
    }
}
