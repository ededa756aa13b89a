using System.CommandLine;
using Playstream.Cli.Settings;
using Playstream.Kafka.Configuration;

namespace Playstream.Cli.Commands;

/// <summary>
/// How a verb reaches Kafka: <c>--bootstrap</c>, <c>--zookeeper</c>, <c>--kafka-home</c> and
/// repeatable <c>--kafka-property KEY=VALUE</c>, each defaulting to its environment variable, and
/// under those to what the local stack recorded (<see cref="StackClientSettings"/>), so that
/// after <c>playstream stack up</c> nothing needs setting. Written for <c>topic</c>; any Kafka verb can add it.
/// </summary>
internal sealed class TopicConnectionOptions
{
    public const string BootstrapVariable = "PLAYSTREAM_KAFKA";
    public const string ZooKeeperVariable = "PLAYSTREAM_ZOOKEEPER";
    public const string PropertiesVariable = "PLAYSTREAM_KAFKA_PROPERTIES";
    public const string KafkaHomeVariable = "PLAYSTREAM_KAFKA_HOME";

    private readonly Option<string> _bootstrap = new("--bootstrap")
    {
        Description = $"Kafka bootstrap servers (env {BootstrapVariable}, default {KafkaOptions.DefaultBootstrapServers})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(BootstrapVariable) is { Length: > 0 } servers ? servers
            : Stack.Value?.Recorded.Kafka.BootstrapServers ?? KafkaOptions.DefaultBootstrapServers,
    };

    private readonly Option<string?> _zooKeeper = new("--zookeeper")
    {
        Description = $"ZooKeeper host:port, for topic admin on Kafka before 0.10.1 (env {ZooKeeperVariable})",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ZooKeeperVariable) is { Length: > 0 } zk ? zk : null,
    };

    private readonly Option<string?> _kafkaHome = new("--kafka-home")
    {
        Description = $"Kafka distribution folder (holding libs/), for topic admin on Kafka before 0.10.1 (env {KafkaHomeVariable})",
    };

    private readonly Option<string[]> _properties = new("--kafka-property")
    {
        Description = $"A librdkafka property KEY=VALUE, repeatable (env {PropertiesVariable} as k=v;k=v; these win)",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _bootstrap, _zooKeeper, _kafkaHome, _properties })
            command.Options.Add(option);
    }

    // What `stack up` recorded (see StackClientSettings): the lowest layer, under the environment and the options.
    private static readonly Lazy<StackClientSettings?> Stack = new(() => StackClientSettings.Find(Environment.GetEnvironmentVariable));

    /// <summary>The options; properties from the environment first, those on the command line override them.</summary>
    /// <exception cref="FormatException">A property is not KEY=VALUE.</exception>
    public KafkaOptions Read(ParseResult result)
    {
        var kafka = new KafkaSettings
        {
            BootstrapServers = result.GetValue(_bootstrap) ?? KafkaOptions.DefaultBootstrapServers,
            ZooKeeper = result.GetValue(_zooKeeper),
            KafkaHome = result.GetValue(_kafkaHome) ?? (Environment.GetEnvironmentVariable(KafkaHomeVariable) is { Length: > 0 } home ? home : null),
        };
        foreach (var (key, value) in KafkaPropertyList.FromEnvironment(PropertiesVariable))
            kafka.Properties[key] = value;
        foreach (var (key, value) in KafkaPropertyList.Parse(result.GetValue(_properties) ?? []))
            kafka.Properties[key] = value;
        Stack.Value?.CompleteKafka(kafka);
        return ConnectionOptions.Kafka(new PlaystreamSettings { Kafka = kafka });
    }
}
