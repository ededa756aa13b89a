using System.CommandLine;
using Playstream.Cli.Commands;
using Playstream.Core.Engine;
using Playstream.Settings;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary>The command line's layer of the settings, and the verbs that read them.</summary>
public sealed class ConnectionOptionsTests
{
    /// <summary>The test's environment without any PLAYSTREAM_ variable (as a new shell has), and the stack folder.</summary>
    private static Dictionary<string, string?> OnlyTheStack(string stackDir)
    {
        var environment = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("PLAYSTREAM_", StringComparison.Ordinal))
            .ToDictionary(name => name, _ => (string?)null);
        environment[StackClientSettings.StackDirVariable] = stackDir;
        return environment;
    }

    private static (ConnectionOptions Connection, ParseResult Result) Parse(Action<ConnectionOptions, Command> add, params string[] arguments)
    {
        var connection = new ConnectionOptions();
        var command = new Command("verb");
        add(connection, command);
        var result = command.Parse(arguments);
        Assert.Empty(result.Errors);
        return (connection, result);
    }

    [Fact]
    public void Each_option_sets_its_setting_over_the_environment()
    {
        var (connection, result) = Parse((c, command) => c.AddTo(command),
            "--bootstrap", "k:1", "--kafka-property", "acks=1", "--kafka-property", "linger.ms=7", "--zookeeper", "zk:2", "--kafka-home", "/kafka",
            "--redis", "r:3", "--redis-password", "rp", "--redis-tls", "--redis-prefix", "pre:",
            "--es-url", "https://e:4", "--es-username", "eu", "--es-password", "ep", "--es-insecure", "--index-prefix", "idx");

        var s = connection.Read(result);

        Assert.Equal(("k:1", "zk:2", "/kafka"), (s.Kafka.BootstrapServers, s.Kafka.ZooKeeper, s.Kafka.KafkaHome));
        Assert.Equal(("1", "7"), (s.Kafka.Properties["acks"], s.Kafka.Properties["linger.ms"]));
        Assert.Equal(("r:3", "rp", true, "pre:"), (s.Redis.Endpoint, s.Redis.Password, s.Redis.Tls, s.Redis.KeyPrefix));
        Assert.Equal(("https://e:4", "eu", "ep", true, "idx"), (s.Elasticsearch.Urls, s.Elasticsearch.Username, s.Elasticsearch.Password, s.Elasticsearch.AllowInvalidCertificates, s.Elasticsearch.IndexPrefix));
    }

    [Fact]
    public void A_flag_left_off_keeps_what_a_lower_layer_set()
    {
        using var folder = new TempFolder();
        var file = folder.File("settings.json");
        File.WriteAllText(file, """{ "redis": { "tls": true }, "elasticsearch": { "allowInvalidCertificates": true } }""");
        var (connection, result) = Parse((c, command) => c.AddTo(command), "--settings", file);

        var s = connection.Read(result);

        Assert.True(s.Redis.Tls);
        Assert.True(s.Elasticsearch.AllowInvalidCertificates);
    }

    [Fact]
    public void A_malformed_kafka_property_is_one_line_naming_the_option_without_the_secret()
    {
        var (connection, result) = Parse((c, command) => c.AddKafkaTo(command), "--kafka-property", "hunter2secret");

        var error = Assert.Throws<SettingsException>(() => connection.Read(result));

        Assert.Equal("--kafka-property: Kafka property 'hun...' is not KEY=VALUE", error.Message);
    }

    [Fact]
    public void A_verb_checks_only_the_settings_it_uses()
    {
        var (kafkaOnly, kafkaResult) = Parse((c, command) => c.AddKafkaTo(command), "--bootstrap", "k:1");
        Assert.Equal("k:1", kafkaOnly.ReadKafka(kafkaResult).BootstrapServers);

        var (all, allResult) = Parse((c, command) => c.AddTo(command), "--es-url", "ftp://x");
        var error = Assert.Throws<SettingsException>(() => all.Read(allResult));
        Assert.Equal("elasticsearch.urls: 'ftp://x' is not an http(s) URL (--es-url)", error.Message);
    }

    [Fact]
    public void A_bad_setting_on_the_command_line_stops_process_before_it_connects()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(folder.Path, "process", "--topic", "t", "--es-url", "not a url");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("playstream: elasticsearch.urls:", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_settings_file_is_read_from_the_current_folder()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("mine.json"), "{ \"redis\": ");

        var run = CliProcess.Run(folder.Path, "process", "--topic", "t", "--settings", "mine.json");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("playstream: settings: 'mine.json' is not valid settings JSON: ", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Topic_admin_on_the_stacks_09_broker_takes_zookeeper_and_the_kafka_release_from_the_record()
    {
        using var folder = new TempFolder();
        var stack = folder.File("stack");
        var kafkaHome = folder.File("no-kafka-here");
        Directory.CreateDirectory(stack);
        // Nothing listens on port 1: the command must stop at the missing release, before any connection.
        File.WriteAllText(Path.Combine(stack, StackClientSettings.FileName), $$"""
            {
              "kafka": {
                "bootstrapServers": "127.0.0.1:1",
                "properties": { "api.version.request": "false", "broker.version.fallback": "0.9.0.1" },
                "zooKeeper": "127.0.0.1:1",
                "kafkaHome": "{{kafkaHome}}"
              }
            }
            """);

        var run = CliProcess.Run(folder.Path, OnlyTheStack(stack), "topic", "create", "t");

        // The record's 0.9 properties sent it to ZooKeeper, its zooKeeper passed the first check,
        // and its kafkaHome is the folder named.
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"playstream: PLAYSTREAM_KAFKA_HOME: '{kafkaHome}' has no libs/ folder; point it at the Kafka distribution", run.Error.Trim());
    }
}
