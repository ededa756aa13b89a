using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class Xoshiro256StarStarTests
{
    [Fact]
    public void Output_matches_an_independent_implementation()
    {
        // Expected words from a separate implementation of xoshiro256** seeded with SplitMix64(0)'s first four outputs.
        var rng = new Xoshiro256StarStar(0);
        Assert.Equal(0x99EC5F36CB75F2B4UL, rng.NextUInt64());
        Assert.Equal(0xBF6E1F784956452AUL, rng.NextUInt64());
        Assert.Equal(0x1A5F849D4933E6E0UL, rng.NextUInt64());
    }

    [Fact]
    public void NextInt_stays_in_range_and_hits_every_value()
    {
        var rng = new Xoshiro256StarStar(5);
        var seen = new int[7];
        for (var i = 0; i < 7000; i++)
            seen[rng.NextInt(7)]++;
        Assert.All(seen, count => Assert.InRange(count, 800, 1200));
        for (var i = 0; i < 1000; i++)
            Assert.InRange(rng.NextInt(10, 13), 10, 12);
    }

    [Fact]
    public void Below_fires_at_the_threshold_rate()
    {
        var rng = new Xoshiro256StarStar(9);
        var hits = 0;
        for (var i = 0; i < 100_000; i++)
            if (rng.Below(Xoshiro256StarStar.Threshold(0.25)))
                hits++;
        Assert.InRange(hits, 24_000, 26_000);
        Assert.False(rng.Below(Xoshiro256StarStar.Threshold(0)));
        Assert.Equal(uint.MaxValue, Xoshiro256StarStar.Threshold(1.5));
    }

    [Fact]
    public void NextDouble_is_in_the_unit_interval_and_gaussian_is_centred()
    {
        var rng = new Xoshiro256StarStar(1);
        double sum = 0, squares = 0;
        for (var i = 0; i < 50_000; i++)
        {
            var d = rng.NextDouble();
            Assert.True(d >= 0 && d < 1, d.ToString("R"));
            var g = rng.NextGaussian();
            sum += g;
            squares += g * g;
        }
        Assert.InRange(sum / 50_000, -0.03, 0.03);
        Assert.InRange(squares / 50_000, 0.95, 1.05);
    }
}
