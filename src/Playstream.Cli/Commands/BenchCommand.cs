using System.CommandLine;

namespace Playstream.Cli.Commands;

/// <summary><c>playstream bench</c>: measured figures, printed; never a pass/fail test.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput and allocations");
        var plays = new Option<long>("--plays") { Description = "Plays to generate and run", DefaultValueFactory = _ => 10_000_000 };
        command.Options.Add(plays);
        command.SetAction(result => CliErrors.Run(() => EmbeddedBench.Run(result.GetValue(plays))));
        command.Subcommands.Add(ShipBenchCommand.Create());
        return command;
    }
}
