using Playstream.TestSupport;

namespace Playstream.Cli.Tests;

public sealed class ProgramTests
{
    [Fact]
    public void Help_names_the_command_as_typed_and_lists_every_verb()
    {
        using var folder = new TempFolder();
        var help = CliProcess.Run(folder.Path, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("playstream [command] [options]", help.Output, StringComparison.Ordinal);
        foreach (var verb in new[] { "demo", "run", "generate", "bench", "stack", "load", "topic", "process", "export", "dashboard", "ship", "status" })
            Assert.Matches($@"(?m)^\s+{verb}\s", help.Output);
    }

    [Fact]
    public void An_unknown_verb_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(folder.Path, "frobnicate");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("frobnicate", run.Error + run.Output, StringComparison.Ordinal);
    }
}
