using System.CommandLine;
using Playstream.Cli.Commands;
using Playstream.Core.Engine;

namespace Playstream.Cli.Tests.Commands;

public sealed class AnalyticsOptionsTests
{
    private static AnalyticsSettings Read(params string[] arguments)
    {
        var options = new AnalyticsOptions();
        var command = new Command("run");
        options.AddTo(command);
        var result = command.Parse(arguments);
        Assert.Empty(result.Errors);
        return options.Read(result);
    }

    [Fact]
    public void Without_options_the_settings_are_the_contracts() => Assert.Equal(AnalyticsSettings.Default, Read());

    [Fact]
    public void Every_option_sets_its_setting()
    {
        var settings = Read("--activity-window", "1h", "--activity-slide", "10m", "--top-tracks-window", "2d", "--top-tracks-slide", "6h",
            "--top-n", "3", "--interest-plays", "5", "--interest-within", "90s");
        Assert.Equal(new AnalyticsSettings
        {
            ActivityWindowSeconds = 3600, ActivitySlideSeconds = 600, TopTracksWindowSeconds = 172_800, TopTracksSlideSeconds = 21_600,
            TopN = 3, InterestPlays = 5, InterestWithinSeconds = 90,
        }, settings);
    }

    [Fact]
    public void A_value_that_is_no_duration_or_settings_that_do_not_fit_stop_with_one_line_naming_the_option()
    {
        Assert.Equal("--activity-slide: 'often' is not a duration (examples: 90s, 30m, 1h, 2d)",
            Assert.Throws<SettingsException>(() => Read("--activity-slide", "often")).Message);
        Assert.Equal("activity-window: must be a positive multiple of activity-slide (420s), got 1800s",
            Assert.Throws<SettingsException>(() => Read("--activity-slide", "7m")).Message);
    }
}
