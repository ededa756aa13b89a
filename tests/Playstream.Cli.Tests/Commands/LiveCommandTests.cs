using System.Globalization;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream generate --live</c> as a separate process, stopped as a service manager stops it.</summary>
public sealed class LiveCommandTests
{
    [Fact]
    public void SIGTERM_stops_it_cleanly_with_exit_code_0_after_saying_how_many_lines_it_wrote()
    {
        using var folder = new TempFolder();
        var log = folder.File("live.csv");
        using var live = new RunningCli(folder.Path, "generate", "--live", log, "--rate", "200");
        live.WaitForLine("appending plays to");
        var deadline = DateTime.UtcNow + RunningCli.Patience;
        while ((!File.Exists(log) || new FileInfo(log).Length == 0) && DateTime.UtcNow < deadline)
            Thread.Sleep(20);

        live.Terminate();

        Assert.Equal(0, live.ExitCode);
        // "stopped after 1,234 lines": as many as the log holds.
        var said = live.WaitForLine("stopped after").Split(' ')[^2];
        Assert.Equal(File.ReadAllLines(log).Length, long.Parse(said, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
    }
}
