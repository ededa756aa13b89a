using System.CommandLine;
using Playstream.Bench;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream bench ship</c>: the shipper against <c>kcat -P -l</c> on the same log and broker.</summary>
internal static class ShipBenchCommand
{
    public static Command Create()
    {
        var lines = BenchCommand.CountOption("--lines", "Lines in the generated log", 2_000_000);
        var partitions = new Option<int>("--partitions") { Description = "Partitions of each fresh topic", DefaultValueFactory = _ => 3 };
        var runs = new Option<int>("--runs") { Description = "Times each tool runs (alternating)", DefaultValueFactory = _ => 2 };
        var connection = new ConnectionOptions();
        var command = new Command("ship", "Time `playstream ship --exit-at-eof` against `kcat -P -l` on the same log and broker (acks=all)");
        command.Options.Add(lines);
        command.Options.Add(partitions);
        command.Options.Add(runs);
        connection.AddKafkaTo(command);
        command.SetAction(result => CliErrors.Run(() =>
            ShipBench.Run(result.GetValue(lines), result.GetValue(partitions), Math.Max(1, result.GetValue(runs)), connection.ReadKafka(result))));
        return command;
    }
}
