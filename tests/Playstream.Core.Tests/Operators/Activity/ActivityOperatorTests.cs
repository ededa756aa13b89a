using Playstream.Core.Engine;
using Playstream.Core.Operators.Activity;
using Playstream.Core.Results;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.Activity;

public class ActivityOperatorTests
{
    private static ActivityWindow Window(string start, long plays, long listeners, long mobile) =>
        new(Utc.Seconds(start), Utc.Seconds(start) + 1800, plays, listeners, mobile);

    [Fact]
    public void A_play_is_in_six_windows_and_a_window_excludes_its_end()
    {
        var activity = new ActivityOperator(AnalyticsSettings.Default);
        activity.Add(Utc.Seconds("2014-10-23 03:00:00"), 1, isMobile: true);  // first second of window 03:00
        activity.Add(Utc.Seconds("2014-10-23 03:29:59"), 2, isMobile: false); // last second of window 03:00
        activity.Add(Utc.Seconds("2014-10-23 03:30:00"), 1, isMobile: false); // end of window 03:00: not in it

        var expected = new List<ActivityWindow>
        {
            Window("2014-10-23 02:35:00", 1, 1, 1),
            Window("2014-10-23 02:40:00", 1, 1, 1),
            Window("2014-10-23 02:45:00", 1, 1, 1),
            Window("2014-10-23 02:50:00", 1, 1, 1),
            Window("2014-10-23 02:55:00", 1, 1, 1),
            Window("2014-10-23 03:00:00", 2, 2, 1),
            Window("2014-10-23 03:05:00", 2, 2, 0),
            Window("2014-10-23 03:10:00", 2, 2, 0),
            Window("2014-10-23 03:15:00", 2, 2, 0),
            Window("2014-10-23 03:20:00", 2, 2, 0),
            Window("2014-10-23 03:25:00", 2, 2, 0),
            Window("2014-10-23 03:30:00", 1, 1, 0),
        };
        Assert.Equal(expected, activity.ComputeWindows());
    }

    [Fact]
    public void Listeners_are_distinct_across_the_panes_of_a_window()
    {
        var activity = new ActivityOperator(AnalyticsSettings.Default);
        activity.Add(Utc.Seconds("2014-10-23 03:01:00"), 7, false);
        activity.Add(Utc.Seconds("2014-10-23 03:11:00"), 7, false);
        activity.Add(Utc.Seconds("2014-10-23 03:11:30"), 7, false);
        activity.Add(Utc.Seconds("2014-10-23 03:12:00"), 0, false); // customer 0 is a customer like any other

        var window = activity.ComputeWindows().Single(w => w.WindowStart == Utc.Seconds("2014-10-23 03:00:00"));
        Assert.Equal(4, window.Plays);
        Assert.Equal(2, window.Listeners);
    }

    [Fact]
    public void Windows_between_distant_plays_are_absent()
    {
        var activity = new ActivityOperator(AnalyticsSettings.Default);
        activity.Add(Utc.Seconds("2014-10-23 03:00:00"), 1, false);
        activity.Add(Utc.Seconds("2014-10-24 03:00:00"), 1, false);
        var windows = activity.ComputeWindows();
        Assert.Equal(12, windows.Count);
        Assert.All(windows, w => Assert.Equal(1, w.Plays));
    }

    [Fact]
    public void Many_repeated_listeners_in_one_pane_count_once()
    {
        var activity = new ActivityOperator(AnalyticsSettings.Default);
        var start = Utc.Seconds("2014-10-23 03:00:00");
        for (var i = 0; i < 10_000; i++)
            activity.Add(start + i % 300, i % 37, i % 2 == 0);
        var window = activity.ComputeWindows().Single(w => w.WindowStart == start);
        Assert.Equal(new ActivityWindow(start, start + 1800, 10_000, 37, 5_000), window);
    }

    [Fact]
    public void Merge_dedupes_a_listener_seen_by_both_and_leaves_the_other_as_it_was()
    {
        var left = new ActivityOperator(AnalyticsSettings.Default);
        var right = new ActivityOperator(AnalyticsSettings.Default);
        left.Add(Utc.Seconds("2014-10-23 03:01:00"), 5, true);
        right.Add(Utc.Seconds("2014-10-23 03:02:00"), 5, false);
        right.Add(Utc.Seconds("2014-10-23 03:03:00"), 6, false);
        var rightBefore = right.ComputeWindows();

        left.Merge(right);

        var window = left.ComputeWindows().Single(w => w.WindowStart == Utc.Seconds("2014-10-23 03:00:00"));
        Assert.Equal(new ActivityWindow(window.WindowStart, window.WindowEnd, 3, 2, 1), window);
        Assert.Equal(rightBefore, right.ComputeWindows());
    }

    [Fact]
    public void Snapshot_round_trip_keeps_the_windows()
    {
        var activity = new ActivityOperator(AnalyticsSettings.Default);
        activity.Add(Utc.Seconds("2014-10-23 03:01:00"), 5, true);
        activity.Add(Utc.Seconds("2014-10-23 04:17:00"), 6, false);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            activity.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        Assert.Equal(activity.ComputeWindows(), ActivityOperator.Read(reader, AnalyticsSettings.Default).ComputeWindows());
    }

    [Fact]
    public void Other_window_sizes_follow_the_settings()
    {
        var settings = AnalyticsSettings.Default with { ActivityWindowSeconds = 120, ActivitySlideSeconds = 60 };
        var activity = new ActivityOperator(settings);
        activity.Add(Utc.Seconds("2014-10-23 03:00:59"), 1, false);
        var windows = activity.ComputeWindows();
        Assert.Equal(new[] { Utc.Seconds("2014-10-23 02:59:00"), Utc.Seconds("2014-10-23 03:00:00") }, windows.Select(w => w.WindowStart));
        Assert.All(windows, w => Assert.Equal(w.WindowStart + 120, w.WindowEnd));
    }
}
