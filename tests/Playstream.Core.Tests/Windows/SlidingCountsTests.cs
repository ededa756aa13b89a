using Playstream.Core.Windows;

namespace Playstream.Core.Tests.Windows;

public class SlidingCountsTests
{
    [Fact]
    public void Counts_distinct_keys_as_they_come_and_go_dense_and_sparse()
    {
        var counts = new SlidingCounts(maxKey: 10, listKeys: true);
        counts.Add(3, 1);
        counts.Add(3, 1);
        counts.Add(int.MaxValue, 5); // beyond the dense array
        Assert.Equal(2, counts.NonZero);
        counts.Add(3, -2);
        Assert.Equal(1, counts.NonZero);
        Assert.Equal(5, counts.Get(int.MaxValue));
        counts.Add(3, 1);
        Assert.Equal(new[] { 3, int.MaxValue }, counts.NonZeroKeys().ToArray().Order());
    }

    [Fact]
    public void Deduplicate_keeps_one_of_each()
    {
        int[] values = [1, 1, 2, 5, 5, 5];
        Assert.Equal(3, SlidingCounts.Deduplicate(values));
        Assert.Equal(new[] { 1, 2, 5 }, values[..3]);
    }
}
