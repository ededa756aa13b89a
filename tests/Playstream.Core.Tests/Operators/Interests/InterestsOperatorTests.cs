using Playstream.Core.Engine;
using Playstream.Core.Operators.Interests;
using Playstream.Core.Results;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.Interests;

public class InterestsOperatorTests
{
    private static List<Interest> Detect(AnalyticsSettings settings, params (int Customer, int Track, string Time)[] plays)
    {
        var op = new InterestsOperator(settings);
        foreach (var (customer, track, time) in plays)
            op.Add(customer, track, Utc.Seconds(time));
        return op.ComputeInterests();
    }

    private static List<Interest> Detect(params (int Customer, int Track, string Time)[] plays) => Detect(AnalyticsSettings.Default, plays);

    private static Interest At(int customer, int track, string time) => new(customer, track, Utc.Seconds(time));

    [Fact]
    public void Three_plays_spanning_exactly_thirty_minutes_are_an_interest() =>
        Assert.Equal([At(1, 2, "2014-10-23 10:30:00")],
            Detect((1, 2, "2014-10-23 10:00:00"), (1, 2, "2014-10-23 10:10:00"), (1, 2, "2014-10-23 10:30:00")));

    [Fact]
    public void Thirty_minutes_and_one_second_is_not() =>
        Assert.Empty(Detect((1, 2, "2014-10-23 10:00:00"), (1, 2, "2014-10-23 10:10:00"), (1, 2, "2014-10-23 10:30:01")));

    [Fact]
    public void Three_plays_in_the_same_second_are_detected_at_that_second() =>
        Assert.Equal([At(0, 0, "2014-10-23 10:00:00")],
            Detect((0, 0, "2014-10-23 10:00:00"), (0, 0, "2014-10-23 10:00:00"), (0, 0, "2014-10-23 10:00:00")));

    [Fact]
    public void Duplicate_plays_count_as_plays() =>
        Assert.Equal([At(1, 2, "2014-10-23 10:29:00")],
            Detect((1, 2, "2014-10-23 10:29:00"), (1, 2, "2014-10-23 10:00:00"), (1, 2, "2014-10-23 10:00:00")));

    [Fact]
    public void Detection_is_the_smallest_qualifying_third_play_whatever_the_order()
    {
        // 10:00, 10:20, 10:40 span 40 minutes; 10:20, 10:40, 10:45 span 25: detected at 10:45.
        string[] times = ["2014-10-23 10:45:00", "2014-10-23 10:00:00", "2014-10-23 10:40:00", "2014-10-23 10:20:00"];
        foreach (var order in new[] { times, times.Reverse().ToArray(), times.Order().ToArray() })
            Assert.Equal([At(1, 2, "2014-10-23 10:45:00")], Detect(order.Select(t => (1, 2, t)).ToArray()));
    }

    [Fact]
    public void An_earlier_run_arriving_late_lowers_the_detection()
    {
        Assert.Equal([At(1, 2, "2014-10-23 10:02:00")], Detect(
            (1, 2, "2014-10-23 12:00:00"), (1, 2, "2014-10-23 12:05:00"), (1, 2, "2014-10-23 12:10:00"),
            (1, 2, "2014-10-23 10:00:00"), (1, 2, "2014-10-23 10:01:00"), (1, 2, "2014-10-23 10:02:00"),
            (1, 2, "2014-10-23 11:00:00")));
    }

    [Fact]
    public void Plays_of_other_tracks_or_customers_do_not_combine() =>
        Assert.Empty(Detect((1, 2, "2014-10-23 10:00:00"), (1, 3, "2014-10-23 10:01:00"), (4, 2, "2014-10-23 10:02:00"), (1, 2, "2014-10-23 10:03:00")));

    [Fact]
    public void Many_spread_plays_then_one_that_completes_a_run_in_the_middle()
    {
        var op = new InterestsOperator(AnalyticsSettings.Default);
        var start = Utc.Seconds("2014-10-01 00:00:00");
        var order = Enumerable.Range(0, 200).OrderBy(i => (i * 7919) % 200).ToList();
        foreach (var i in order)
            op.Add(3, 4, start + i * 31L * 60); // 31 minutes apart: never three within 30
        Assert.Empty(op.ComputeInterests());
        // Between plays 100 and 101 (31 minutes apart), a play 20 minutes after play 100 makes 100, new, 101 span 31 minutes: still none.
        op.Add(3, 4, start + 100 * 31L * 60 + 20 * 60);
        Assert.Empty(op.ComputeInterests());
        // Another one 10 minutes after play 100: 100, +10, +20 span 20 minutes, detected at +20.
        op.Add(3, 4, start + 100 * 31L * 60 + 10 * 60);
        Assert.Equal([new Interest(3, 4, start + 100 * 31L * 60 + 20 * 60)], op.ComputeInterests());
    }

    [Fact]
    public void The_rule_follows_the_settings()
    {
        var two = AnalyticsSettings.Default with { InterestPlays = 2, InterestWithinSeconds = 60 };
        Assert.Equal([At(1, 2, "2014-10-23 10:01:00")], Detect(two, (1, 2, "2014-10-23 10:00:00"), (1, 2, "2014-10-23 10:01:00")));
        var one = AnalyticsSettings.Default with { InterestPlays = 1 };
        Assert.Equal([At(1, 2, "2014-10-23 09:00:00")], Detect(one, (1, 2, "2014-10-23 10:00:00"), (1, 2, "2014-10-23 09:00:00")));
    }

    [Fact]
    public void Results_are_ordered_by_customer_then_track()
    {
        var plays = new List<(int, int, string)>();
        foreach (var (customer, track) in new[] { (5, 1), (0, 9), (5, 0), (0, 2) })
            for (var i = 0; i < 3; i++)
                plays.Add((customer, track, "2014-10-23 10:00:00"));
        Assert.Equal(new[] { (0, 2), (0, 9), (5, 0), (5, 1) }, Detect(plays.ToArray()).Select(i => (i.CustomerId, i.TrackId)));
    }

    [Fact]
    public void Merge_combines_the_plays_of_a_pair_split_over_partitions()
    {
        var left = new InterestsOperator(AnalyticsSettings.Default);
        var right = new InterestsOperator(AnalyticsSettings.Default);
        left.Add(1, 2, Utc.Seconds("2014-10-23 10:00:00"));
        left.Add(1, 2, Utc.Seconds("2014-10-23 10:10:00"));
        right.Add(1, 2, Utc.Seconds("2014-10-23 10:20:00"));
        right.Add(1, 3, Utc.Seconds("2014-10-23 10:20:00"));

        left.Merge(right);

        Assert.Equal([At(1, 2, "2014-10-23 10:20:00")], left.ComputeInterests());
        Assert.Empty(right.ComputeInterests());
        Assert.Equal(2, left.DistinctTracksByCustomer()[1]);
        Assert.Equal(2, right.DistinctTracksByCustomer()[1]);
        Assert.Throws<ArgumentException>(() => left.Merge(left));
    }

    [Fact]
    public void A_restored_snapshot_detects_like_the_original()
    {
        var op = new InterestsOperator(AnalyticsSettings.Default);
        op.Add(1, 2, Utc.Seconds("2014-10-23 12:00:00"));
        op.Add(1, 2, Utc.Seconds("2014-10-23 12:01:00"));
        op.Add(1, 2, Utc.Seconds("2014-10-23 12:02:00"));
        op.Add(1, 2, Utc.Seconds("2014-10-23 10:00:00"));
        op.Add(7, 8, Utc.Seconds("2014-10-23 10:00:00"));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            op.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var restored = InterestsOperator.Read(reader, AnalyticsSettings.Default);
        Assert.Equal(op.ComputeInterests(), restored.ComputeInterests());

        // Both keep the early play, so two more early plays lower the detection in both.
        foreach (var o in new[] { op, restored })
        {
            o.Add(1, 2, Utc.Seconds("2014-10-23 10:05:00"));
            o.Add(1, 2, Utc.Seconds("2014-10-23 10:06:00"));
        }
        Assert.Equal([At(1, 2, "2014-10-23 10:06:00")], restored.ComputeInterests());
        Assert.Equal(op.ComputeInterests(), restored.ComputeInterests());
        Assert.Equal(op.DistinctTracksByCustomer(), restored.DistinctTracksByCustomer());
    }
}
