using Playstream.Kafka.Admin;

namespace Playstream.IntegrationTests.Kafka.Admin;

[Collection(KafkaCollection.Name)]
public sealed class TopicAdminTests(KafkaBroker broker)
{
    [Fact]
    public async Task A_topic_is_created_listed_described_and_deleted()
    {
        using var admin = new TopicAdmin(broker.Options());
        var name = broker.NewTopicName("admin");

        await admin.CreateAsync(name, partitions: 3, replicationFactor: 1);

        Assert.Contains(name, admin.List());
        var layout = admin.Describe(name);
        Assert.NotNull(layout);
        Assert.Equal([0, 1, 2], layout.Partitions.Select(p => p.Partition));
        Assert.Equal(1, layout.ReplicationFactor);
        Assert.True(layout.IsReady);

        var again = await Assert.ThrowsAsync<TopicAdminException>(() => admin.CreateAsync(name, 3, 1));
        Assert.Equal(TopicAdminFailure.AlreadyExists, again.Failure);

        await admin.DeleteAsync(name);

        Assert.DoesNotContain(name, admin.List());
        Assert.Null(admin.Describe(name));
        var gone = await Assert.ThrowsAsync<TopicAdminException>(() => admin.DeleteAsync(name));
        Assert.Equal(TopicAdminFailure.NotFound, gone.Failure);
    }

    [Fact]
    public void Describing_a_missing_topic_does_not_create_it()
    {
        using var admin = new TopicAdmin(broker.Options());
        var name = broker.NewTopicName("never");

        Assert.Null(admin.Describe(name));
        Assert.DoesNotContain(name, admin.List());
    }

    [Fact]
    public void The_list_leaves_out_internal_topics()
    {
        using var admin = new TopicAdmin(broker.Options());

        Assert.DoesNotContain(admin.List(), t => t.StartsWith("__", StringComparison.Ordinal));
    }
}
