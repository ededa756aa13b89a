namespace Playstream.Shipping.Tests;

public sealed class ShipCountersTests
{
    [Fact]
    public void Totals_add_up_whatever_threads_count_them()
    {
        var counters = new ShipCounters();
        Parallel.For(0, 10_000, i =>
        {
            counters.Sent(i % 100 + 1);
            if (i % 10 == 0) counters.Blank();
            if (i % 1000 == 0) counters.StartOver();
        });

        Assert.Equal(10_000, counters.LinesSent);
        Assert.Equal(Enumerable.Range(0, 10_000).Sum(i => (long)(i % 100 + 1)), counters.BytesSent);
        Assert.Equal(1_000, counters.BlankLines);
        Assert.Equal(10, counters.StartedOver);
    }
}
