using System.CommandLine;
using System.CommandLine.Help;
using Playstream.Cli.Commands;

namespace Playstream.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        // Not a RootCommand: that one is named after the binary (Playstream.Cli), and usage and
        // errors must name the command as it is typed. These are the two options it would add.
        var root = new Command("playstream", "Playstream: real-time listening analytics. Start with `playstream demo`.")
        {
            new HelpOption(),
            new VersionOption(),
        };
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
