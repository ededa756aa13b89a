using Playstream.Cli.Commands;
using Playstream.Shipping;

namespace Playstream.Cli.Tests.Commands;

public sealed class ShipSummaryTests
{
    private static string Write(ShipResult result, string? positions)
    {
        var output = new StringWriter { NewLine = "\n" };
        ShipSummary.Write(output, result, "realtime", positions);
        return output.ToString();
    }

    [Fact]
    public void A_clean_run_says_how_much_how_fast_and_that_a_restart_sends_nothing_twice()
    {
        var text = Write(new ShipResult(20_000, 20_000, 3 * 1024 * 1024, 4, 2, 1, true, null, [], TimeSpan.FromSeconds(4)), "/p/positions.json");

        Assert.Equal(
            "shipped 20,000 lines (3.0 MiB) from 2 file(s) to realtime in 4.00 s: 5,000 lines/s\n" +
            "acknowledged 20,000; blank lines passed over 4; truncations 1\n" +
            "positions saved in /p/positions.json: everything sent was acknowledged, a restart sends nothing twice\n",
            text);
    }

    [Fact]
    public void A_stopped_run_says_what_is_left_and_why_it_stopped()
    {
        var text = Write(new ShipResult(10, 7, 500, 0, 1, 0, false, "kafka unreachable", ["/logs/a.csv"], TimeSpan.Zero), "/p/positions.json");

        Assert.Contains("in 0.00 s: 10,000 lines/s", text, StringComparison.Ordinal); // a zero duration counts as a millisecond
        Assert.Contains("left for later: the last line of /logs/a.csv has no newline yet\n", text, StringComparison.Ordinal);
        Assert.Contains("positions saved in /p/positions.json: lines not acknowledged will be sent again on restart\n", text, StringComparison.Ordinal);
        Assert.EndsWith("stopped: kafka unreachable\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_positions_file_nothing_is_said_about_one() =>
        Assert.DoesNotContain("positions", Write(new ShipResult(1, 1, 1, 0, 1, 0, true, null, [], TimeSpan.FromSeconds(1)), null), StringComparison.Ordinal);
}
