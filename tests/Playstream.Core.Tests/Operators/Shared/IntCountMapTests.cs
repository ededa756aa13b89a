using Playstream.Core.Operators.Shared;

namespace Playstream.Core.Tests.Operators.Shared;

public class IntCountMapTests
{
    [Fact]
    public void Counts_survive_growth_and_match_a_dictionary()
    {
        var map = new IntCountMap();
        var expected = new Dictionary<int, long>();
        var random = new Random(5);
        for (var i = 0; i < 5000; i++)
        {
            var key = random.Next(-50, 2000) * 7919;
            map.Add(key, 2);
            expected[key] = expected.GetValueOrDefault(key) + 2;
        }
        Assert.Equal(expected.Count, map.Count);
        foreach (var (key, count) in expected)
            Assert.Equal(count, map.Get(key));
        Assert.Equal(0, map.Get(1));
        var seen = new Dictionary<int, long>();
        map.ForEach((key, count) => seen.Add(key, count));
        Assert.Equal(expected.OrderBy(kv => kv.Key), seen.OrderBy(kv => kv.Key));
        Assert.Equal(expected.Keys.Max(), map.MaxKey());
    }

    [Fact]
    public void Counts_only_grow() => Assert.Throws<ArgumentOutOfRangeException>(() => new IntCountMap().Add(1, 0));
}
