using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;

namespace Playstream.Core.Tests.Engine;

public sealed class LatenessRuleTests
{
    private const long Noon = 1_412_164_800; // 2014-10-01 12:00:00 UTC

    private static PartitionAnalytics WithPlaysAt(params long[] times)
    {
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        foreach (var time in times)
            analytics.Add(new PlayEvent(0, 1, 2, time, false), LookupTables.Empty());
        return analytics;
    }

    [Fact]
    public void Without_a_lateness_nothing_is_late()
    {
        var rule = new LatenessRule(null);
        var analytics = WithPlaysAt(Noon);
        Assert.Null(rule.WhyLate(analytics, Noon - 30 * 86400));
        Assert.Null(rule.FinalAfterWrite(analytics));
    }

    [Fact]
    public void A_play_more_than_the_lateness_behind_the_latest_is_late_and_one_exactly_that_far_is_not()
    {
        var rule = new LatenessRule(TimeSpan.FromHours(2));
        var analytics = WithPlaysAt(Noon - 600, Noon, Noon - 300);
        Assert.Null(rule.WhyLate(analytics, Noon - 7200));
        var why = rule.WhyLate(analytics, Noon - 7201);
        Assert.NotNull(why);
        Assert.Contains("2014-10-01T09:59:59Z", why, StringComparison.Ordinal);
        Assert.Contains("7200s", why, StringComparison.Ordinal);
        Assert.Null(rule.WhyLate(analytics, Noon + 86400)); // ahead is never late
    }

    [Fact]
    public void Before_the_first_play_nothing_is_late_and_nothing_is_final()
    {
        var rule = new LatenessRule(TimeSpan.FromMinutes(1));
        var empty = WithPlaysAt();
        Assert.Null(rule.WhyLate(empty, 0));
        Assert.Null(rule.FinalAfterWrite(empty));
    }

    [Fact]
    public void After_a_write_the_latest_play_minus_the_lateness_is_final()
    {
        var rule = new LatenessRule(TimeSpan.FromMinutes(90));
        Assert.Equal(Noon - 5400, rule.FinalAfterWrite(WithPlaysAt(Noon - 100, Noon, Noon - 50)));
    }

    [Fact]
    public void A_play_before_the_evicted_horizon_is_late_even_under_a_larger_lateness_or_none()
    {
        var analytics = WithPlaysAt(Noon);
        analytics.EvictBefore(Noon - 3600);
        Assert.NotNull(new LatenessRule(TimeSpan.FromDays(1)).WhyLate(analytics, Noon - 3601));
        Assert.NotNull(new LatenessRule(null).WhyLate(analytics, Noon - 3601));
        Assert.Null(new LatenessRule(null).WhyLate(analytics, Noon - 3600));
    }
}
