using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class AliasTableTests
{
    [Fact]
    public void Samples_follow_the_weights()
    {
        double[] weights = [1, 0, 3, 6];
        var table = new AliasTable(weights);
        var rng = new Xoshiro256StarStar(123);
        var counts = new int[4];
        const int draws = 200_000;
        for (var i = 0; i < draws; i++)
            counts[table.Sample(rng.NextUInt64())]++;
        Assert.Equal(0, counts[1]);
        Assert.InRange(counts[0] / (double)draws, 0.09, 0.11);
        Assert.InRange(counts[2] / (double)draws, 0.29, 0.31);
        Assert.InRange(counts[3] / (double)draws, 0.59, 0.61);
    }

    [Fact]
    public void A_single_weight_always_wins()
    {
        var table = new AliasTable([0, 0, 5]);
        foreach (var bits in new ulong[] { 0, ulong.MaxValue, 0x8000_0000_0000_0000, 12345 })
            Assert.Equal(2, table.Sample(bits));
    }

    [Fact]
    public void Bad_weights_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new AliasTable([]));
        Assert.Throws<ArgumentException>(() => new AliasTable([0, 0]));
        Assert.Throws<ArgumentException>(() => new AliasTable([1, -1]));
        Assert.Throws<ArgumentException>(() => new AliasTable([1, double.NaN]));
    }
}
