using Playstream.Core.Engine;
using Playstream.TestSupport;

namespace Playstream.Settings.Tests;

/// <summary>The local stack's record as the lowest layer of the settings, under the user's file, environment and options.</summary>
public sealed class StackClientSettingsTests : IDisposable
{
    // Moved ports, so that a value from the record cannot be mistaken for a default.
    private const string Record = """
        {
          "kafka": {
            "bootstrapServers": "127.0.0.1:19092",
            "properties": { "api.version.request": "false", "broker.version.fallback": "0.9.0.1" },
            "zooKeeper": "127.0.0.1:12181",
            "kafkaHome": "/opt/kafka \"0.9\""
          },
          "redis": { "endpoint": "127.0.0.1:16379" },
          "elasticsearch": { "urls": "http://127.0.0.1:19200" }
        }
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string StackDir()
    {
        var dir = _folder.File("stack");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, StackClientSettings.FileName), Record);
        return dir;
    }

    [Fact]
    public void With_nothing_else_set_every_verb_reaches_the_stack_as_it_recorded()
    {
        using var environment = new ScopedEnvironment((StackClientSettings.StackDirVariable, StackDir()));
        var s = SettingsLoader.Load(null);

        Assert.Equal("127.0.0.1:19092", s.Kafka.BootstrapServers);
        Assert.Equal(new Dictionary<string, string> { ["api.version.request"] = "false", ["broker.version.fallback"] = "0.9.0.1" }, s.Kafka.Properties);
        Assert.Equal("127.0.0.1:12181", s.Kafka.ZooKeeper);
        Assert.Equal("/opt/kafka \"0.9\"", s.Kafka.KafkaHome);
        Assert.Equal("127.0.0.1:16379", s.Redis.Endpoint);
        Assert.Equal("http://127.0.0.1:19200", s.Elasticsearch.Urls);
        Assert.True(ConnectorOptions.Kafka(s).TargetsBrokerWithoutTopicApi);
    }

    [Fact]
    public void The_launcher_finds_the_record_in_the_checkouts_stack_folder()
    {
        var root = _folder.File("checkout");
        var dir = Path.Combine(root, ".playstream", "stack");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, StackClientSettings.FileName), Record);

        using (new ScopedEnvironment((StackClientSettings.RootVariable, root)))
            Assert.Equal("127.0.0.1:16379", SettingsLoader.Load(null).Redis.Endpoint);
        // PLAYSTREAM_STACK_DIR moves the folder, as it does for stack.sh.
        using (new ScopedEnvironment((StackClientSettings.RootVariable, root), (StackClientSettings.StackDirVariable, _folder.File("none"))))
            Assert.Equal("127.0.0.1:6379", SettingsLoader.Load(null).Redis.Endpoint);
    }

    [Fact]
    public void The_users_file_environment_and_options_win_each_over_the_record()
    {
        var file = _folder.File("settings.json");
        File.WriteAllText(file, """{ "Redis": { "Endpoint": "cache:6379" }, "kafka": { "properties": { "linger.ms": "5" } } }""");

        using var environment = new ScopedEnvironment(
            (StackClientSettings.StackDirVariable, StackDir()), ("PLAYSTREAM_ES_URL", "http://search:9200"), ("PLAYSTREAM_KAFKA_PROPERTIES", "api.version.request=true"));

        var s = SettingsLoader.Load(file, [new(SettingKeys.KafkaZooKeeper, "zk:2181")]);

        Assert.Equal("cache:6379", s.Redis.Endpoint);                      // the file (its keys in any case)
        Assert.Equal("http://search:9200", s.Elasticsearch.Urls);          // the environment
        Assert.Equal("zk:2181", s.Kafka.ZooKeeper);                        // the options
        Assert.Equal("127.0.0.1:19092", s.Kafka.BootstrapServers);         // the record, which nothing overrode
        Assert.Equal(new Dictionary<string, string>
        {
            ["linger.ms"] = "5", ["api.version.request"] = "true", ["broker.version.fallback"] = "0.9.0.1",
        }, s.Kafka.Properties);                                            // merged key by key, the record's last
        Assert.Equal("/opt/kafka \"0.9\"", s.Kafka.KafkaHome);
    }

    [Theory]
    [InlineData("file")]
    [InlineData("environment")]
    [InlineData("options")]
    public void Another_broker_gets_none_of_the_stack_brokers_settings(string layer)
    {
        var file = _folder.File("settings.json");
        File.WriteAllText(file, layer == "file" ? """{ "kafka": { "bootstrapServers": "broker1:9092" } }""" : "{}");
        using var environment = new ScopedEnvironment(
            (StackClientSettings.StackDirVariable, StackDir()), ("PLAYSTREAM_KAFKA", layer == "environment" ? "broker1:9092" : null));

        var s = SettingsLoader.Load(file, layer == "options" ? [new(SettingKeys.KafkaBootstrapServers, "broker1:9092")] : null);

        Assert.Equal("broker1:9092", s.Kafka.BootstrapServers);
        Assert.Empty(s.Kafka.Properties);
        Assert.Null(s.Kafka.ZooKeeper);
        Assert.Null(s.Kafka.KafkaHome);
        Assert.Equal("127.0.0.1:16379", s.Redis.Endpoint); // the other servers are still the stack's
    }

    [Fact]
    public void A_broken_record_is_one_line_naming_it_and_the_fix()
    {
        var dir = _folder.File("stack");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, StackClientSettings.FileName), "{ \"kafka\": ");

        using var environment = new ScopedEnvironment((StackClientSettings.StackDirVariable, dir));

        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Load(null));

        Assert.Contains(Path.Combine(dir, StackClientSettings.FileName), error.Message, StringComparison.Ordinal);
        Assert.Contains("playstream stack up", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
