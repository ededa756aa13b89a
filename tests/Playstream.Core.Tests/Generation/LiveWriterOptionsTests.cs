using Playstream.Core.Generation;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Generation;

public sealed class LiveWriterOptionsTests
{
    [Fact]
    public void Sensible_options_pass()
    {
        new LiveWriterOptions { LiveFile = "live.csv", Rate = 0.5 }.Validate();
        using var folder = new TempFolder();
        new LiveWriterOptions { LiveFile = "live.csv", ReplaySource = folder.Write("old.csv", "") }.Validate();
    }

    [Theory]
    [InlineData(" ", 10, 1, 1, null, "LiveFile")]
    [InlineData("f", 0, 1, 1, null, "Rate")]
    [InlineData("f", double.NaN, 1, 1, null, "Rate")]
    [InlineData("f", double.PositiveInfinity, 1, 1, null, "Rate")]
    [InlineData("f", 10, 0, 1, null, "Customers")]
    [InlineData("f", 10, 1, 0, null, "Tracks")]
    [InlineData("f", 10, 1, 1, "/no/such/log.csv", "ReplaySource")]
    public void The_first_option_that_makes_no_sense_is_named(string file, double rate, int customers, int tracks, string? replay, string option)
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new LiveWriterOptions { LiveFile = file, Rate = rate, Customers = customers, Tracks = tracks, ReplaySource = replay }.Validate());
        Assert.Equal(option, e.ParamName);
    }
}
