using Playstream.Kafka.Admin;

namespace Playstream.Kafka.Tests.Admin;

public sealed class TopicLayoutTests
{
    [Fact]
    public void A_topic_is_ready_once_every_partition_has_a_leader_and_replicated_as_its_first_partition()
    {
        var ready = new TopicLayout("t", [new PartitionLayout(0, 1, [1, 2], [1, 2]), new PartitionLayout(1, 2, [2, 1], [2])]);
        var electing = ready with { Partitions = [.. ready.Partitions, new PartitionLayout(2, -1, [1, 2], [])] };

        Assert.True(ready.IsReady);
        Assert.Equal(2, ready.ReplicationFactor);
        Assert.False(electing.IsReady);
    }

    [Fact]
    public void A_topic_without_partitions_is_not_ready() =>
        Assert.Equal((false, 0), (new TopicLayout("t", []).IsReady, new TopicLayout("t", []).ReplicationFactor));
}
