using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class TrackPopularityTests
{
    private static int[] Counts(TrackPopularity popularity, byte gender, int draws, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var counts = new int[popularity.Count];
        for (var i = 0; i < draws; i++)
            counts[popularity.Sample(gender, rng.NextUInt64())]++;
        return counts;
    }

    [Fact]
    public void The_same_seed_gives_the_same_charts_and_another_seed_other_ones()
    {
        var a = Counts(TrackPopularity.Create(500, 7), 0, 20_000, 1);
        Assert.Equal(a, Counts(TrackPopularity.Create(500, 7), 0, 20_000, 1));
        Assert.NotEqual(a, Counts(TrackPopularity.Create(500, 8), 0, 20_000, 1));
    }

    [Fact]
    public void A_few_hits_take_a_large_share_and_the_tail_is_long()
    {
        var counts = Counts(TrackPopularity.Create(1750, 42), 0, 200_000, 3);
        var sorted = counts.OrderDescending().ToArray();

        // Zipf 0.8 over 1,750 tracks: the top track near 5 %, the top 10 a fifth or more, the median far below 0.1 %.
        Assert.InRange(sorted[0] / 200_000.0, 0.02, 0.12);
        Assert.InRange(sorted.Take(10).Sum() / 200_000.0, 0.15, 0.45);
        Assert.True(sorted[875] / 200_000.0 < 0.001, $"median share {sorted[875] / 200_000.0}");
        Assert.True(counts.Count(c => c > 0) > 1200, "most tracks are played at least once");
    }

    [Fact]
    public void Each_gender_has_its_own_chart_and_codes_past_the_modelled_ones_wrap()
    {
        var popularity = TrackPopularity.Create(1750, 42);
        var zero = Counts(popularity, 0, 100_000, 5);
        var one = Counts(popularity, 1, 100_000, 5);
        var top = (int[] c) => c.Select((n, t) => (n, t)).OrderByDescending(x => x.n).Take(10).Select(x => x.t).ToHashSet();

        Assert.NotEqual(top(zero), top(one));
        Assert.True(top(zero).Intersect(top(one)).Any(), "the biggest hits are hits for both");
        Assert.Equal(one, Counts(popularity, 3, 100_000, 5)); // 3 % 2 = 1
    }
}
