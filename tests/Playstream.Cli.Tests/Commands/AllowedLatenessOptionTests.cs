using System.CommandLine;
using Playstream.Cli.Commands;
using Playstream.Core.Engine;

namespace Playstream.Cli.Tests.Commands;

public sealed class AllowedLatenessOptionTests
{
    [Fact]
    public void Absent_means_no_lateness_and_a_duration_is_read_as_one()
    {
        var option = AllowedLatenessOption.Create("lateness");
        var command = new Command("verb") { Options = { option } };

        Assert.Null(AllowedLatenessOption.Read(command.Parse([]), option));
        Assert.Equal(TimeSpan.FromMinutes(90), AllowedLatenessOption.Read(command.Parse(["--allowed-lateness", "90m"]), option));
    }

    [Fact]
    public void Text_that_is_no_duration_stops_with_one_line_naming_the_option() =>
        Assert.Equal("--allowed-lateness: 'soon' is not a duration (examples: 90s, 30m, 1h)",
            Assert.Throws<SettingsException>(() => AllowedLatenessOption.Parse("soon")).Message);
}
