using Playstream.Core.Engine;
using Playstream.Core.Operators.Interests;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.Interests;

/// <summary>Dropping old play times for an endless stream (default rule: 3 plays within 30 minutes).</summary>
public class InterestsOperatorEvictionTests
{
    private static long T(string time) => Utc.Seconds("2014-10-23 " + time);

    [Fact]
    public void Times_older_than_the_interest_window_before_the_horizon_go_but_every_pair_stays()
    {
        var op = new InterestsOperator(AnalyticsSettings.Default);
        // Pair (1,2): five plays an hour apart (never an interest); pair (1,3): one old play; pair (4,5): two recent ones.
        foreach (var hour in new[] { "01", "02", "03", "04", "05" })
            op.Add(1, 2, T($"{hour}:00:00"));
        op.Add(1, 3, T("00:10:00"));
        op.Add(4, 5, T("04:50:00"));
        op.Add(4, 5, T("05:00:00"));
        Assert.Equal(8, op.StoredTimes);

        // Horizon 05:00: times before 04:30 can no longer share a window with a play to come.
        op.DropTimesBefore(T("05:00:00"));

        // (1,2) keeps 05:00 only (04:00 is before 04:30); (1,3) keeps its one old time; (4,5) keeps both.
        Assert.Equal(1 + 1 + 2, op.StoredTimes);
        Assert.Equal(3, op.Pairs);
        Assert.Equal(new Dictionary<int, long> { [1] = 2, [4] = 1 }, op.DistinctTracksByCustomer());
    }

    [Fact]
    public void Plays_after_the_horizon_are_still_detected_with_the_times_kept()
    {
        var op = new InterestsOperator(AnalyticsSettings.Default);
        op.Add(1, 2, T("04:00:00"));
        op.Add(1, 2, T("04:40:00"));
        op.Add(1, 2, T("04:50:00"));
        op.DropTimesBefore(T("05:00:00")); // keeps 04:40 and 04:50
        op.Add(1, 2, T("05:05:00"));
        Assert.Equal([new Playstream.Core.Results.Interest(1, 2, T("05:05:00"))], op.ComputeInterests());
    }

    [Fact]
    public void A_long_run_shrinks_into_a_smaller_block_and_keeps_its_order()
    {
        var op = new InterestsOperator(AnalyticsSettings.Default);
        // 40 plays 31 minutes apart: stored in one run of 64, never an interest.
        var start = T("00:00:00");
        for (var i = 0; i < 40; i++)
            op.Add(7, 8, start + i * 31 * 60);
        op.DropTimesBefore(start + 35 * 31 * 60 + 30 * 60); // keeps plays 35..39
        Assert.Equal(5, op.StoredTimes);
        // The kept times are still in order: two more plays right after the last one make an interest.
        op.Add(7, 8, start + 39 * 31 * 60 + 60);
        op.Add(7, 8, start + 39 * 31 * 60 + 120);
        Assert.Equal([new Playstream.Core.Results.Interest(7, 8, start + 39 * 31 * 60 + 120)], op.ComputeInterests());
    }

    [Fact]
    public void A_detection_whose_times_were_dropped_survives_a_snapshot_and_a_merge()
    {
        var op = new InterestsOperator(AnalyticsSettings.Default);
        op.Add(1, 2, T("01:00:00"));
        op.Add(1, 2, T("01:10:00"));
        op.Add(1, 2, T("01:20:00")); // detected at 01:20
        op.DropTimesBefore(T("05:00:00")); // only 01:20 is left
        Assert.Equal(1, op.StoredTimes);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
            op.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var restored = InterestsOperator.Read(reader, AnalyticsSettings.Default);
        var detected = new Playstream.Core.Results.Interest(1, 2, T("01:20:00"));
        Assert.Equal([detected], restored.ComputeInterests());

        // Merged into a partition that saw two other plays of the pair, one before and one after:
        // the detection stays at 01:20 and the later time is dropped.
        var other = new InterestsOperator(AnalyticsSettings.Default);
        other.Add(1, 2, T("01:05:00"));
        other.Add(1, 2, T("06:00:00"));
        other.Merge(restored);
        Assert.Equal([detected], other.ComputeInterests());
        Assert.Equal(2, other.StoredTimes); // 01:05 and 01:20
    }
}
