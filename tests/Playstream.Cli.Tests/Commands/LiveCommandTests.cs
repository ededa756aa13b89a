using System.Text.RegularExpressions;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream generate --live</c> as a separate process, stopped as a service manager stops it.</summary>
public sealed partial class LiveCommandTests
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
        var stopped = live.WaitForLine("stopped after");
        var written = long.Parse(Written().Match(stopped).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(File.ReadAllLines(log).Length, written);
    }

    [GeneratedRegex(@"stopped after ([\d,]+) lines")]
    private static partial Regex Written();
}
