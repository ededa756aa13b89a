using Playstream.IntegrationTests.Kafka;
using Playstream.Kafka.Admin;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Cli.Commands;

/// <summary><c>playstream topic</c> as a process against the real broker (its 0.9 admin through ZooKeeper).</summary>
[Collection(KafkaCollection.Name)]
public sealed class TopicCommandTests(KafkaBroker broker)
{
    [Fact]
    public void A_topic_is_created_listed_and_deleted()
    {
        using var folder = new TempFolder();
        var name = broker.NewTopicName("cli");

        var create = CliProcess.Run(folder.Path, "topic", "create", name, "--partitions", "2");
        Assert.True(create.ExitCode == 0, create.Error + create.Output);
        Assert.Equal($"created topic {name} (2 partitions, replication 1)", create.Output.Trim());
        using (var admin = new TopicAdmin(broker.Options()))
            Assert.Equal(2, admin.Describe(name)!.Partitions.Count);
        Assert.Contains(name, CliProcess.Run(folder.Path, "topic", "list").Output.Split('\n').Select(l => l.Trim()));

        var again = CliProcess.Run(folder.Path, "topic", "create", name);
        Assert.Equal(1, again.ExitCode);
        Assert.StartsWith("playstream: ", again.Error, StringComparison.Ordinal);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);

        var delete = CliProcess.Run(folder.Path, "topic", "delete", name);
        Assert.True(delete.ExitCode == 0, delete.Error + delete.Output);
        Assert.Equal($"deleted topic {name}", delete.Output.Trim());
        Assert.DoesNotContain(name, CliProcess.Run(folder.Path, "topic", "list").Output.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public void No_partitions_is_refused_before_the_broker_is_asked()
    {
        using var folder = new TempFolder();
        var create = CliProcess.Run(folder.Path, "topic", "create", broker.NewTopicName("zero"), "--partitions", "0");

        Assert.Equal(1, create.ExitCode);
        Assert.Equal("playstream: --partitions and --replication must be at least 1", create.Error.Trim());
    }
}
