using System.CommandLine;
using Playstream.Bench;
using Playstream.Core.Generation;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream bench</c>: measured figures, printed; never a pass/fail test. The verbs parse their options; the harness (<c>Playstream.Bench</c>) measures.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure the embedded pipeline against DuckDB SQL doing the same job, and its allocations (`bench stack` for the servers)");
        var plays = CountOption("--plays", "Plays to generate and run", 10_000_000);
        var days = new Option<int>("--days") { Description = "Days the generated plays span", DefaultValueFactory = _ => new GeneratorOptions().Days };
        var shuffle = new Option<bool>("--shuffle") { Description = "Generate a held-out-shaped log: random order, 0.4% bad lines, 2% unknown customers or tracks" };
        var events = new Option<string?>("--events") { Description = "Run on this event file instead of generated data" };
        var customers = new Option<string?>("--customers") { Description = "With --events: the customer file" };
        var tracks = new Option<string?>("--tracks") { Description = "With --events: the track file" };
        var runs = new Option<int>("--runs") { Description = "Runs of each command; the median is shown", DefaultValueFactory = _ => 1 };
        var noBaseline = new Option<bool>("--no-baseline") { Description = "Leave out the DuckDB SQL baseline" };
        foreach (var option in new Option[] { plays, days, shuffle, events, customers, tracks, runs, noBaseline })
            command.Options.Add(option);
        command.SetAction(result => CliErrors.Run(() =>
        {
            var input = result.GetValue(events) is { } file
                ? new EmbeddedBench.Input(file, result.GetValue(customers), result.GetValue(tracks), Path.GetFileName(file))
                : EmbeddedBench.Input.Generated(result.GetValue(plays), result.GetValue(days), result.GetValue(shuffle));
            if (!File.Exists(input.Events))
                throw new FileNotFoundException($"events file '{input.Events}' does not exist", input.Events);
            return EmbeddedBench.Run(input, Math.Max(1, result.GetValue(runs)), !result.GetValue(noBaseline));
        }));

        var stack = new Command("stack", "Kafka → process → Elasticsearch + Redis, beside a bare consumer and a raw bulk load of the same documents");
        var stackPlays = CountOption("--plays", "Plays to generate and run", 1_000_000);
        var stackShuffle = new Option<bool>("--shuffle") { Description = shuffle.Description };
        var connection = new ConnectionOptions();
        stack.Options.Add(stackPlays);
        stack.Options.Add(stackShuffle);
        connection.AddTo(stack);
        stack.SetAction(result => CliErrors.Run(() => StackBench.Run(result.GetValue(stackPlays), result.GetValue(stackShuffle), connection.Read(result))));
        command.Subcommands.Add(stack);
        command.Subcommands.Add(ShipBenchCommand.Create());

        var es = new Command("es", "The plays sink on its own beside a raw bulk load of the same documents into the same Elasticsearch");
        var esPlays = CountOption("--plays", "Plays to generate and write", 1_000_000);
        var esRuns = new Option<int>("--runs") { Description = "Times each load runs (alternating)", DefaultValueFactory = _ => 2 };
        var esConcurrency = new Option<int>("--concurrency") { Description = "Bulk requests in flight at once, for both loads", DefaultValueFactory = _ => PlaySinkOptions.Default.Concurrency };
        var esBulkPlays = new Option<int>("--bulk-plays") { Description = "Most plays in one bulk request, for both loads", DefaultValueFactory = _ => new ElasticsearchOptions().MaxBulkDocuments };
        var esConnection = new ConnectionOptions();
        foreach (var option in new Option[] { esPlays, esRuns, esConcurrency, esBulkPlays })
            es.Options.Add(option);
        esConnection.AddTo(es);
        es.SetAction(result => CliErrors.Run(() => PlaySinkBench.Run(result.GetValue(esPlays), Math.Max(1, result.GetValue(esRuns)),
            new PlaySinkOptions { Concurrency = Math.Max(1, result.GetValue(esConcurrency)) }, Math.Max(1, result.GetValue(esBulkPlays)), esConnection.Read(result))));
        command.Subcommands.Add(es);

        var scale = new Command("scale", "process as 1, 2 and 3 instances on one topic, with rare and frequent checkpoints, and the time to take over a killed instance's partitions");
        var scalePlays = CountOption("--plays", "Plays to generate and run", 1_000_000);
        var scaleKeep = new Option<bool>("--keep") { Description = "Leave the run's topics, indices and Redis keys on the servers for inspection (by default they are removed at the end)" };
        var scaleConnection = new ConnectionOptions();
        scale.Options.Add(scalePlays);
        scale.Options.Add(scaleKeep);
        scaleConnection.AddTo(scale);
        scale.SetAction(result => CliErrors.Run(() => ScaleBench.Run(result.GetValue(scalePlays), scaleConnection.Read(result), result.GetValue(scaleKeep))));
        command.Subcommands.Add(scale);
        command.Subcommands.Add(DuckDbCommand());
        return command;
    }

    /// <summary>How many plays or lines a benchmark makes; fewer than one is refused before anything is generated.</summary>
    internal static Option<long> CountOption(string name, string description, long defaultValue)
    {
        var option = new Option<long>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<long>() < 1)
                result.AddError($"{name} must be at least 1");
        });
        return option;
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
