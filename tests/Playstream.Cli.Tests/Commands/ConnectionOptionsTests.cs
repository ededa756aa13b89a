using Playstream.Cli.Settings;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary>The Kafka settings of <c>topic</c> and <c>ship</c>, read from a shell where only the local stack's record says anything.</summary>
public sealed class TopicConnectionOptionsTests
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
