using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;

namespace Playstream.IntegrationTests.Kafka;

/// <summary>
/// The real Kafka the tests run against: PLAYSTREAM_KAFKA (default the local stack's
/// 127.0.0.1:9092), with the librdkafka properties of PLAYSTREAM_KAFKA_PROPERTIES (the stack
/// exports the 0.9 protocol fallback there) and PLAYSTREAM_ZOOKEEPER / PLAYSTREAM_KAFKA_HOME for
/// topic admin on old brokers. When the broker does not answer, every test fails and says how to
/// start it; the tests are never skipped quietly. Topics the tests create are deleted at the end.
/// </summary>
public sealed class KafkaBroker : IAsyncLifetime
{
    private readonly List<string> _topics = [];
    private bool _reachable;

    public string BootstrapServers { get; } = Environment.GetEnvironmentVariable("PLAYSTREAM_KAFKA") is { Length: > 0 } servers
        ? servers
        : KafkaOptions.DefaultBootstrapServers;

    public KafkaOptions Options()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = BootstrapServers,
            ZooKeeperConnect = Environment.GetEnvironmentVariable("PLAYSTREAM_ZOOKEEPER") is { Length: > 0 } zk ? zk : "127.0.0.1:2181",
        };
        foreach (var (key, value) in KafkaPropertyList.FromEnvironment("PLAYSTREAM_KAFKA_PROPERTIES"))
            options.ExtraProperties[key] = value;
        return options;
    }

    /// <summary>A fresh topic name, so tests never see each other's records; deleted when the tests end.</summary>
    public string NewTopicName(string purpose)
    {
        var name = $"playstream-it-{purpose}-{Guid.NewGuid():N}";
        lock (_topics)
            _topics.Add(name);
        return name;
    }

    /// <summary>Creates a topic with a fresh name (and remembers to delete it).</summary>
    public Task<string> CreateTopicAsync(string purpose, int partitions) => CreateNamedTopicAsync(NewTopicName(purpose), partitions);

    /// <summary>Creates a topic with this name (and remembers to delete it).</summary>
    public async Task<string> CreateNamedTopicAsync(string name, int partitions)
    {
        lock (_topics)
        {
            if (!_topics.Contains(name))
                _topics.Add(name);
        }
        using var admin = new TopicAdmin(Options());
        await admin.CreateAsync(name, partitions, 1);
        return name;
    }

    public Task InitializeAsync()
    {
        using var admin = new TopicAdmin(Options()) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            admin.List();
            _reachable = true;
        }
        catch (TopicAdminException e)
        {
            throw new InvalidOperationException(
                $"Kafka does not answer at {BootstrapServers}. Start the local stack with `stack/stack.sh up` " +
                $"(or point PLAYSTREAM_KAFKA at a running broker). {e.Message}", e);
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (!_reachable)
            return;
        using var admin = new TopicAdmin(Options());
        // The tests' topics, and those `process` made for them: a repartition topic is named after
        // the group and the input topic, a dead-letter topic after the input topic.
        var ours = admin.List().Where(t => _topics.Any(mine => t == mine
            || (t.Contains(mine, StringComparison.Ordinal) && (t.EndsWith("-repartition", StringComparison.Ordinal) || t.EndsWith("-dead-letters", StringComparison.Ordinal)))));
        foreach (var topic in ours.ToList())
        {
            try
            {
                await admin.DeleteAsync(topic);
            }
            catch (TopicAdminException)
            {
                // Best effort: a leftover test topic must not fail the run.
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class KafkaCollection : ICollectionFixture<KafkaBroker>
{
    public const string Name = "kafka";
}
