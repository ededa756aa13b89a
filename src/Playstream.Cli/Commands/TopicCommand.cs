using System.CommandLine;
using Playstream.Kafka.Admin;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream topic create|delete|list</c>: manage the Kafka topics the pipeline reads and writes.</summary>
internal static class TopicCommand
{
    /// <summary>Long enough for a broker to answer or elect leaders; short enough that a wrong address fails soon.</summary>
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var command = new Command("topic", "Create, delete or list Kafka topics (any broker version; Kafka 0.9 through ZooKeeper)");
        command.Subcommands.Add(CreateVerb());
        command.Subcommands.Add(DeleteVerb());
        command.Subcommands.Add(ListVerb());
        return command;
    }

    private static Command CreateVerb()
    {
        var name = new Argument<string>("NAME") { Description = "Topic name" };
        var partitions = new Option<int>("--partitions") { Description = "Partitions: the most instances that can share the work", DefaultValueFactory = _ => 3 };
        var replication = new Option<short>("--replication") { Description = "Copies of each partition (at most the number of brokers)", DefaultValueFactory = _ => 1 };
        var connection = new ConnectionOptions();
        var command = new Command("create", "Create a topic and wait until its partitions have leaders");
        command.Arguments.Add(name);
        command.Options.Add(partitions);
        command.Options.Add(replication);
        connection.AddKafkaTo(command);
        command.SetAction(result => Run(() =>
        {
            var topic = result.GetValue(name)!;
            var count = result.GetValue(partitions);
            var copies = result.GetValue(replication);
            if (count < 1 || copies < 1)
                throw new TopicAdminException("--partitions and --replication must be at least 1");
            using var admin = new TopicAdmin(connection.ReadKafka(result)) { Timeout = AdminTimeout };
            admin.CreateAsync(topic, count, copies).GetAwaiter().GetResult();
            Console.WriteLine($"created topic {topic} ({count} partitions, replication {copies})");
            return 0;
        }));
        return command;
    }

    private static Command DeleteVerb()
    {
        var name = new Argument<string>("NAME") { Description = "Topic name" };
        var connection = new ConnectionOptions();
        var command = new Command("delete", "Delete a topic and wait until the cluster no longer lists it");
        command.Arguments.Add(name);
        connection.AddKafkaTo(command);
        command.SetAction(result => Run(() =>
        {
            var topic = result.GetValue(name)!;
            using var admin = new TopicAdmin(connection.ReadKafka(result)) { Timeout = AdminTimeout };
            admin.DeleteAsync(topic).GetAwaiter().GetResult();
            Console.WriteLine($"deleted topic {topic}");
            return 0;
        }));
        return command;
    }

    private static Command ListVerb()
    {
        var connection = new ConnectionOptions();
        var command = new Command("list", "List the cluster's topics, one per line (internal ones left out)");
        connection.AddKafkaTo(command);
        command.SetAction(result => Run(() =>
        {
            using var admin = new TopicAdmin(connection.ReadKafka(result)) { Timeout = AdminTimeout };
            foreach (var topic in admin.List())
                Console.WriteLine(topic);
            return 0;
        }));
        return command;
    }

    /// <summary>A topic admin failure or a malformed property is one line on stderr, not a stack trace.</summary>
    private static int Run(Func<int> action) => CliErrors.Run(() =>
    {
        try
        {
            return action();
        }
        catch (TopicAdminException e)
        {
            Console.Error.WriteLine($"playstream: {e.Message}");
            return e.Failure == TopicAdminFailure.NotConfigured ? CliErrors.Usage : CliErrors.Failed;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"playstream: {e.Message}");
            return CliErrors.Usage;
        }
    });
}
