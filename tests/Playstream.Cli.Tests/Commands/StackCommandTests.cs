using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream stack</c> hands each action to the checkout's stack/stack.sh (a stand-in script here) and passes its exit code on.</summary>
public sealed class StackCommandTests
{
    [Fact]
    public void Each_action_runs_the_script_with_its_name_and_returns_its_exit_code()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("stack"));
        var record = folder.File("called.txt");
        folder.Write("stack/stack.sh", $"echo \"$1 $PLAYSTREAM_STACK_COMMAND\" >> '{record}'\n[ \"$1\" = down ] && exit 3\nexit 0\n");
        var root = new Dictionary<string, string?> { ["PLAYSTREAM_ROOT"] = folder.Path };

        Assert.Equal(0, CliProcess.Run(folder.Path, root, "stack", "status").ExitCode);
        Assert.Equal(3, CliProcess.Run(folder.Path, root, "stack", "down").ExitCode);

        Assert.Equal(["status playstream stack", "down playstream stack"], File.ReadAllLines(record));
    }

    [Fact]
    public void Outside_a_checkout_it_says_where_it_looked()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(folder.Path, new Dictionary<string, string?> { ["PLAYSTREAM_ROOT"] = folder.Path }, "stack", "up");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"playstream: no stack/stack.sh under '{folder.Path}'; run playstream from its checkout (./playstream stack up)", run.Error.Trim());
    }
}
