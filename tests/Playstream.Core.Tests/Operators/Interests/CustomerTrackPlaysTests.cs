using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Operators.Interests;

namespace Playstream.Core.Tests.Operators.Interests;

/// <summary>
/// The pair table under the interests: detections against the rule applied to each pair's sorted
/// times, whichever way the plays come in (one by one, in hash-ordered runs, merged, snapshotted).
/// </summary>
public sealed class CustomerTrackPlaysTests
{
    private const int Plays = 3, Within = 1800;

    /// <summary>Heavy pairs (dozens of plays, so times spill to the arena and its runs grow) and many light ones, out of order.</summary>
    private static List<(int Customer, int Track, long Time)> RandomPlays(int seed)
    {
        var random = new Random(seed);
        var plays = new List<(int, int, long)>();
        for (var i = 0; i < 6_000; i++)
        {
            var heavy = random.Next(4) == 0;
            var customer = heavy ? random.Next(3) : random.Next(400);
            var track = heavy ? random.Next(2) : random.Next(30);
            plays.Add((customer, track, random.Next(heavy ? 40 * 3600 : 10 * 86_400)));
        }
        return plays;
    }

    /// <summary>The rule on sorted times: the first time that ends a run of 3 plays within 30 minutes.</summary>
    private static Dictionary<(int, int), long?> Expected(IEnumerable<(int Customer, int Track, long Time)> plays) =>
        plays.GroupBy(p => (p.Customer, p.Track)).ToDictionary(g => g.Key, g =>
        {
            var times = g.Select(p => p.Time).Order().ToArray();
            for (var i = Plays - 1; i < times.Length; i++)
                if (times[i] - times[i - Plays + 1] <= Within)
                    return (long?)times[i];
            return null;
        });

    private static Dictionary<(int, int), long?> Actual(CustomerTrackPlays table)
    {
        var actual = new Dictionary<(int, int), long?>();
        table.ForEach((customer, track, detected) => actual.Add((customer, track), detected));
        return actual;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Every_pair_is_kept_once_with_the_detection_the_rule_gives(int seed)
    {
        var plays = RandomPlays(seed);
        var table = new CustomerTrackPlays(Plays, Within);
        foreach (var (customer, track, time) in plays)
            table.Add(customer, track, time);

        var expected = Expected(plays);
        Assert.Equal(expected.Count, table.Count);
        Assert.Equal(expected.OrderBy(kv => kv.Key), Actual(table).OrderBy(kv => kv.Key));
        foreach (var ((customer, track), detected) in expected.Take(50))
            Assert.Equal(detected, table.DetectedAt(customer, track));
        Assert.Null(table.DetectedAt(999, 999));
    }

    [Fact]
    public void Runs_of_keys_added_many_at_once_detect_what_plays_added_one_by_one_detect()
    {
        var plays = RandomPlays(3);
        var table = new CustomerTrackPlays(Plays, Within);
        table.AddMany([.. plays.Select(p => new PairTime(PairTime.Pack(p.Customer, p.Track), p.Time)).OrderBy(p => p.Key)]);

        Assert.Equal(Expected(plays).OrderBy(kv => kv.Key), Actual(table).OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Halves_merged_and_a_snapshot_read_back_detect_what_the_whole_detects()
    {
        var plays = RandomPlays(4);
        var first = new CustomerTrackPlays(Plays, Within);
        var second = new CustomerTrackPlays(Plays, Within);
        for (var i = 0; i < plays.Count; i++)
            (i < plays.Count / 2 ? first : second).Add(plays[i].Customer, plays[i].Track, plays[i].Time);
        first.Merge(second);

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            first.Write(writer);
        buffer.Position = 0;
        var back = new CustomerTrackPlays(Plays, Within);
        using (var reader = new BinaryReader(buffer))
            back.Read(reader);

        var expected = Expected(plays).OrderBy(kv => kv.Key).ToList();
        Assert.Equal(expected, Actual(first).OrderBy(kv => kv.Key));
        Assert.Equal(expected, Actual(back).OrderBy(kv => kv.Key));
    }

    [Fact]
    public void A_play_reports_a_new_pair_and_each_detection_that_appears_or_moves_earlier()
    {
        var table = new CustomerTrackPlays(Plays, Within);
        Assert.Equal(PairChange.NewPair, table.AddReportingChange(1, 2, 1000));
        Assert.Equal(PairChange.None, table.AddReportingChange(1, 2, 1100));
        Assert.Equal(PairChange.DetectionChanged, table.AddReportingChange(1, 2, 1200)); // detected at 1200
        Assert.Equal(PairChange.None, table.AddReportingChange(1, 2, 1300));             // after the detection: nothing moves
        Assert.Equal(PairChange.DetectionChanged, table.AddReportingChange(1, 2, 1150)); // 1000, 1100, 1150: now detected at 1150
        Assert.Equal(1150, table.DetectedAt(1, 2));
        Assert.Equal(PairChange.NewPair, table.AddReportingChange(1, 3, 1000));
    }

    [Fact]
    public void Times_after_a_detection_are_not_stored()
    {
        var table = new CustomerTrackPlays(Plays, Within);
        foreach (var time in new long[] { 100, 200, 300, 400, 500, 600 })
            table.Add(5, 6, time);
        Assert.Equal(3, table.StoredTimes); // 100, 200, 300: the detection's run; later plays cannot detect earlier
        Assert.Equal(300, table.DetectedAt(5, 6));
    }

    [Fact]
    public void A_snapshot_with_a_pair_of_no_times_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(1);
            writer.Write(PairTime.Pack(1, 2));
            writer.Write(0);
        }
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        Assert.Throws<InvalidDataException>(() => new CustomerTrackPlays(Plays, Within).Read(reader));
    }
}
