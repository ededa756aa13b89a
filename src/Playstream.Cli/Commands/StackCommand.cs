using System.CommandLine;
using System.Diagnostics;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream stack up|down|status</c>: the local ZooKeeper, Kafka, Elasticsearch and Redis
/// on 127.0.0.1. The work is done by the checkout's <c>stack/stack.sh</c>, which the tests use
/// too, so there is one way to start the stack.
/// </summary>
internal static class StackCommand
{
    public static Command Create()
    {
        var command = new Command("stack", "Install, start, stop or show the local Kafka, Elasticsearch and Redis (127.0.0.1)");
        foreach (var (name, description) in new[]
                 {
                     ("up", "Install on first use, start everything, wait until each answers"),
                     ("down", "Stop everything (Kafka before ZooKeeper)"),
                     ("status", "What runs on which port"),
                     ("install", "Install what is missing, start nothing"),
                 })
        {
            var action = new Command(name, description);
            action.SetAction(_ => Run(name));
            command.Subcommands.Add(action);
        }
        return command;
    }

    private static int Run(string action)
    {
        var root = Environment.GetEnvironmentVariable("PLAYSTREAM_ROOT") is { Length: > 0 } r ? r : Directory.GetCurrentDirectory();
        var script = Path.Combine(root, "stack", "stack.sh");
        if (!File.Exists(script))
        {
            Console.Error.WriteLine($"playstream: no stack/stack.sh under '{root}'; run playstream from its checkout (./playstream stack {action})");
            return CliErrors.Usage;
        }
        var start = new ProcessStartInfo("bash", [script, action]) { UseShellExecute = false };
        // So that the script's messages name the command the user typed.
        start.Environment["PLAYSTREAM_STACK_COMMAND"] = "playstream stack";
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
