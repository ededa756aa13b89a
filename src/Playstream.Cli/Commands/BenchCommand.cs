using System.CommandLine;
using Playstream.Cli.Settings;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;

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

        var es = new Command("es", "The plays sink on its own beside a raw bulk load of the same documents into the same Elasticsearch");
        var esPlays = new Option<long>("--plays") { Description = "Plays to generate and write", DefaultValueFactory = _ => 1_000_000 };
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
        var scalePlays = new Option<long>("--plays") { Description = "Plays to generate and run", DefaultValueFactory = _ => 1_000_000 };
        var scaleConnection = new ConnectionOptions();
        scale.Options.Add(scalePlays);
        scaleConnection.AddTo(scale);
        scale.SetAction(result => CliErrors.Run(() => ScaleBench.Run(result.GetValue(scalePlays), scaleConnection.Read(result))));
        command.Subcommands.Add(scale);
        return command;
    }
}
