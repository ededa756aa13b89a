using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.TopTracks;
using Playstream.Core.Results;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.TopTracks;

public class TopTracksOperatorTests
{
    // Two-hour windows sliding by an hour, top 3: small enough to work by hand.
    private static readonly AnalyticsSettings Small = AnalyticsSettings.Default with
    {
        TopTracksWindowSeconds = 7200, TopTracksSlideSeconds = 3600, TopN = 3,
    };

    private static readonly byte Zero = GenderCodes.Slot("0");
    private static readonly byte One = GenderCodes.Slot("1");

    private static void Play(TopTracksOperator op, string time, byte gender, int track, int times = 1)
    {
        for (var i = 0; i < times; i++)
            op.Add(Utc.Seconds(time), gender, track);
    }

    [Fact]
    public void Top_n_with_ties_to_the_smaller_track_and_a_cut_inside_a_tie()
    {
        var op = new TopTracksOperator(Small);
        Play(op, "2014-10-23 10:00:00", Zero, 9, 2);
        Play(op, "2014-10-23 10:10:00", Zero, 5, 2);
        Play(op, "2014-10-23 10:20:00", Zero, 7, 2);
        Play(op, "2014-10-23 10:30:00", Zero, 3, 2);
        Play(op, "2014-10-23 10:59:59", Zero, 1, 1);

        var windows = op.ComputeWindows();
        Assert.Equal(2, windows.Count); // windows starting 09:00 and 10:00 cover the 10:00 pane
        Assert.All(windows, w => Assert.Equal(
            new[] { new TrackPlays(3, 2), new TrackPlays(5, 2), new TrackPlays(7, 2) }, w.Tracks));
        Assert.Equal(Utc.Seconds("2014-10-23 09:00:00"), windows[0].WindowStart);
        Assert.Equal(Utc.Seconds("2014-10-23 11:00:00"), windows[0].WindowEnd);
    }

    [Fact]
    public void Windows_sum_their_panes_and_exclude_a_play_at_their_end()
    {
        var op = new TopTracksOperator(Small);
        Play(op, "2014-10-23 10:30:00", Zero, 1, 2);
        Play(op, "2014-10-23 11:00:00", Zero, 2, 3); // first second of the 11:00 pane
        Play(op, "2014-10-23 12:00:00", Zero, 1, 2); // the end of window 10:00, so only in 11:00 and 12:00

        var expected = new List<TopTracksWindow>
        {
            new(Utc.Seconds("2014-10-23 09:00:00"), Utc.Seconds("2014-10-23 11:00:00"), "0", [new(1, 2)]),
            new(Utc.Seconds("2014-10-23 10:00:00"), Utc.Seconds("2014-10-23 12:00:00"), "0", [new(2, 3), new(1, 2)]),
            new(Utc.Seconds("2014-10-23 11:00:00"), Utc.Seconds("2014-10-23 13:00:00"), "0", [new(2, 3), new(1, 2)]),
            new(Utc.Seconds("2014-10-23 12:00:00"), Utc.Seconds("2014-10-23 14:00:00"), "0", [new(1, 2)]),
        };
        var actual = op.ComputeWindows();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((expected[i].WindowStart, expected[i].WindowEnd, expected[i].Gender), (actual[i].WindowStart, actual[i].WindowEnd, actual[i].Gender));
            Assert.Equal(expected[i].Tracks, actual[i].Tracks);
        }
    }

    [Fact]
    public void Genders_rank_apart_and_windows_order_by_start_then_gender()
    {
        var op = new TopTracksOperator(Small);
        Play(op, "2014-10-23 10:00:00", One, 4, 1);
        Play(op, "2014-10-23 10:00:00", GenderCodes.UnknownSlot, 6, 1);
        Play(op, "2014-10-23 10:00:00", Zero, 5, 2);

        var windows = op.ComputeWindows();
        Assert.Equal(
            new[] { ("0", 5, 2L), ("1", 4, 1L), ("unknown", 6, 1L), ("0", 5, 2L), ("1", 4, 1L), ("unknown", 6, 1L) },
            windows.Select(w => (w.Gender, w.Tracks.Single().TrackId, w.Tracks.Single().Plays)));
        Assert.Equal(3, windows.Count(w => w.WindowStart == Utc.Seconds("2014-10-23 09:00:00")));
    }

    [Fact]
    public void Default_windows_are_thirty_hours_sliding_by_one()
    {
        var op = new TopTracksOperator(AnalyticsSettings.Default);
        Play(op, "2014-10-23 03:26:20", Zero, 453);
        var windows = op.ComputeWindows();
        Assert.Equal(30, windows.Count);
        Assert.Equal(Utc.Seconds("2014-10-21 22:00:00"), windows[0].WindowStart);
        Assert.Equal(Utc.Seconds("2014-10-23 04:00:00"), windows[0].WindowEnd);
        Assert.Equal(Utc.Seconds("2014-10-23 03:00:00"), windows[^1].WindowStart);
    }

    [Fact]
    public void Merge_and_snapshot_add_up_counts_per_gender()
    {
        var left = new TopTracksOperator(Small);
        var right = new TopTracksOperator(Small);
        Play(left, "2014-10-23 10:00:00", Zero, 1, 2);
        Play(right, "2014-10-23 10:30:00", Zero, 2, 1);
        Play(right, "2014-10-23 10:30:00", Zero, 1, 1);
        Play(right, "2014-10-23 10:30:00", One, 8, 1);

        left.Merge(right);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
            left.Write(writer);
        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        var restored = TopTracksOperator.Read(reader, Small);

        foreach (var op in new[] { left, restored })
        {
            var windows = op.ComputeWindows().Where(w => w.WindowStart == Utc.Seconds("2014-10-23 10:00:00")).ToList();
            Assert.Equal(new[] { "0", "1" }, windows.Select(w => w.Gender));
            Assert.Equal(new[] { new TrackPlays(1, 3), new TrackPlays(2, 1) }, windows[0].Tracks);
            Assert.Equal(new[] { new TrackPlays(8, 1) }, windows[1].Tracks);
        }
    }
}
