using Playstream.Core.Engine;

namespace Playstream.Core.Tests.Engine;

public sealed class AnalyticsSettingsTests
{
    [Fact]
    public void The_defaults_are_the_contracts_and_have_no_problem()
    {
        var d = AnalyticsSettings.Default;
        Assert.Equal((1800, 300, 108_000, 3600, 10, 3, 1800),
            (d.ActivityWindowSeconds, d.ActivitySlideSeconds, d.TopTracksWindowSeconds, d.TopTracksSlideSeconds, d.TopN, d.InterestPlays, d.InterestWithinSeconds));
        Assert.Empty(d.Problems());
        d.Validate();
    }

    [Fact]
    public void Every_problem_is_one_line_naming_its_setting()
    {
        var bad = new AnalyticsSettings
        {
            ActivityWindowSeconds = 1000, ActivitySlideSeconds = 300,
            TopTracksSlideSeconds = 0, TopN = 0, InterestPlays = 0, InterestWithinSeconds = -1,
        };
        Assert.Equal(
            [
                "activity-window: must be a positive multiple of activity-slide (300s), got 1000s",
                "top-tracks-slide: must be a positive number of seconds (got 0)",
                "top-n: must be at least 1 (got 0)",
                "interest-plays: must be at least 1 (got 0)",
                "interest-within: must not be negative (got -1s)",
            ],
            bad.Problems());
        Assert.Equal("activity-window: must be a positive multiple of activity-slide (300s), got 1000s",
            Assert.Throws<SettingsException>(bad.Validate).Message);
    }

    [Fact]
    public void A_window_of_zero_is_refused_even_though_it_divides() =>
        Assert.Single(new AnalyticsSettings { ActivityWindowSeconds = 0 }.Problems());

    [Fact]
    public void An_interest_within_zero_seconds_is_allowed() =>
        Assert.Empty(new AnalyticsSettings { InterestWithinSeconds = 0 }.Problems());
}
