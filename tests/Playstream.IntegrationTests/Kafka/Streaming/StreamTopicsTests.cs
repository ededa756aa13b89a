using Playstream.Core.Engine;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Streaming;

namespace Playstream.IntegrationTests.Kafka.Streaming;

/// <summary>The input and repartition topics of a streaming job, on the real broker.</summary>
[Collection(KafkaCollection.Name)]
public sealed class StreamTopicsTests(KafkaBroker broker)
{
    [Fact]
    public async Task The_input_is_its_layout_and_nothing_while_it_does_not_exist()
    {
        var topic = await broker.CreateTopicAsync("stream-input", 3);
        using var admin = new TopicAdmin(broker.Options());

        var layout = StreamTopics.Input(admin, topic);

        Assert.NotNull(layout);
        Assert.Equal(topic, layout.Name);
        Assert.Equal([0, 1, 2], layout.Partitions.Select(p => p.Partition));
        Assert.Null(StreamTopics.Input(admin, broker.NewTopicName("missing")));
    }

    [Fact]
    public async Task The_repartition_topic_is_made_with_the_inputs_partitions_and_replication_once()
    {
        var topic = await broker.CreateTopicAsync("stream-in", 3);
        var repartition = broker.NewTopicName("stream-re");
        using var admin = new TopicAdmin(broker.Options());
        var input = StreamTopics.Input(admin, topic)!;

        await StreamTopics.EnsureRepartitionAsync(admin, repartition, input, CancellationToken.None);
        await StreamTopics.EnsureRepartitionAsync(admin, repartition, input, CancellationToken.None); // there already: left as it is

        var made = admin.Describe(repartition);
        Assert.NotNull(made);
        Assert.Equal(3, made.Partitions.Count);
        Assert.Equal(input.ReplicationFactor, made.ReplicationFactor);
    }

    [Fact]
    public async Task A_repartition_topic_with_another_partition_count_is_refused_with_what_to_do()
    {
        var topic = await broker.CreateTopicAsync("stream-in", 3);
        var repartition = await broker.CreateTopicAsync("stream-re", 2);
        using var admin = new TopicAdmin(broker.Options());
        var input = StreamTopics.Input(admin, topic)!;

        var e = await Assert.ThrowsAsync<SettingsException>(() => StreamTopics.EnsureRepartitionAsync(admin, repartition, input, CancellationToken.None));

        Assert.Equal($"the repartition topic {repartition} has 2 partitions where {topic} has 3: " +
            $"delete it (playstream topic delete {repartition}) with every member stopped, and start again; it is made anew with the right count", e.Message);
        Assert.Equal(2, admin.Describe(repartition)!.Partitions.Count);
    }
}
