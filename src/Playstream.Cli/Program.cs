using System.CommandLine;
using Playstream.Cli.Commands;

namespace Playstream.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("Playstream: real-time listening analytics. Start with `playstream demo`.");
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(StackCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(TopicCommand.Create());
        root.Subcommands.Add(ProcessCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(DashboardCommand.Create());
        root.Subcommands.Add(ShipCommand.Create());
        root.Subcommands.Add(StatusCommand.Create());
        return root.Parse(args).Invoke();
    }
}
