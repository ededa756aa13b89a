using Playstream.Core.Operators.Shared;

namespace Playstream.Core.Tests.Operators.Shared;

public sealed class SortedBoundsTests
{
    [Fact]
    public void Bounds_match_a_linear_scan_on_runs_with_repeats_and_gaps()
    {
        var random = new Random(3);
        for (var round = 0; round < 200; round++)
        {
            var sorted = Enumerable.Range(0, random.Next(0, 30)).Select(_ => (long)random.Next(-5, 20)).Order().ToArray();
            for (long value = -7; value <= 22; value++)
            {
                Assert.Equal(Linear(sorted, x => x >= value), SortedBounds.Lower(sorted, value));
                Assert.Equal(Linear(sorted, x => x > value), SortedBounds.Upper(sorted, value));
            }
        }

        static int Linear(long[] sorted, Func<long, bool> from)
        {
            var i = 0;
            while (i < sorted.Length && !from(sorted[i]))
                i++;
            return i;
        }
    }

    [Fact]
    public void Among_equal_times_lower_is_the_first_and_upper_is_past_the_last()
    {
        long[] times = [1, 4, 4, 4, 9];
        Assert.Equal(1, SortedBounds.Lower(times, 4));
        Assert.Equal(4, SortedBounds.Upper(times, 4));
        Assert.Equal(5, SortedBounds.Lower(times, long.MaxValue));
        Assert.Equal(0, SortedBounds.Upper(times, long.MinValue));
    }
}
