using System.CommandLine;
using Playstream.Cli.Settings;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream bench</c>: measured figures, printed; never a pass/fail test.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput and allocations (the embedded pipeline; `bench stack` for the servers)");
        var plays = new Option<long>("--plays") { Description = "Plays to generate and run", DefaultValueFactory = _ => 10_000_000 };
        command.Options.Add(plays);
        command.SetAction(result => CliErrors.Run(() => EmbeddedBench.Run(result.GetValue(plays))));

        var stack = new Command("stack", "Kafka → process → Elasticsearch + Redis, beside a bare consumer and a raw bulk load");
        var stackPlays = new Option<long>("--plays") { Description = "Plays to generate and run", DefaultValueFactory = _ => 1_000_000 };
        var connection = new ConnectionOptions();
        stack.Options.Add(stackPlays);
        connection.AddTo(stack);
        stack.SetAction(result => CliErrors.Run(() => StackBench.Run(result.GetValue(stackPlays), connection.Read(result))));
        command.Subcommands.Add(stack);
        command.Subcommands.Add(ShipBenchCommand.Create());

        var scale = new Command("scale", "process as 1, 2 and 3 instances on one topic, with rare and frequent checkpoints, and the time to take over a killed instance's partitions");
        var scalePlays = new Option<long>("--plays") { Description = "Plays to generate and run", DefaultValueFactory = _ => 1_000_000 };
        var scaleConnection = new ConnectionOptions();
        scale.Options.Add(scalePlays);
        scaleConnection.AddTo(scale);
        scale.SetAction(result => CliErrors.Run(() => ScaleBench.Run(result.GetValue(scalePlays), scaleConnection.Read(result))));
        command.Subcommands.Add(scale);
        command.Subcommands.Add(DuckDbCommand());
        return command;
    }

    /// <summary><c>bench duckdb</c>: the baseline on its own, as the benchmark runs it (a whole process).</summary>
    private static Command DuckDbCommand()
    {
        var events = new Option<string>("--events") { Description = "Event log file", Required = true };
        var customers = new Option<string?>("--customers") { Description = "Customer file (cust.csv)" };
        var tracks = new Option<string?>("--tracks") { Description = "Track catalogue (music.csv)" };
        var export = new Option<string>("--export") { Description = "Folder to write the results export into", Required = true };
        var command = new Command("duckdb", "The benchmark's baseline: the same analytics and export as `run --no-plays --export`, computed by DuckDB SQL");
        foreach (var option in new Option[] { events, customers, tracks, export })
            command.Options.Add(option);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var results = DuckDbBaseline.Run(result.GetValue(events)!, result.GetValue(customers), result.GetValue(tracks), result.GetValue(export)!);
            Spectre.Console.AnsiConsole.MarkupLine($"{results.Summary.Events:N0} events, {results.Summary.DeadLetters:N0} dead letters: export written");
            return 0;
        }));
        return command;
    }
}
