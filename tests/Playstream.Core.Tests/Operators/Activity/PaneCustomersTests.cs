using Playstream.Core.Operators.Activity;

namespace Playstream.Core.Tests.Operators.Activity;

public class PaneCustomersTests
{
    [Fact]
    public void Each_pane_keeps_its_distinct_customers_ascending()
    {
        var customers = new PaneCustomers();
        customers.EnsureSlots(2);
        foreach (var c in new[] { 5, 3, 5, 9, 3, int.MinValue, 0, int.MaxValue, int.MinValue })
            customers.Append(0, c);
        customers.Append(1, 7);

        Assert.Equal([int.MinValue, 0, 3, 5, 9, int.MaxValue], customers.Of(0).ToArray());
        Assert.Equal(6, customers.Compact(0));
        Assert.Equal([7], customers.Of(1).ToArray());
    }

    [Fact]
    public void Many_customers_match_a_brute_force_set_and_repeats_allocate_nothing()
    {
        var random = new Random(3);
        var customers = new PaneCustomers();
        customers.EnsureSlots(3);
        var expected = new[] { new SortedSet<int>(), new SortedSet<int>(), new SortedSet<int>() };
        var plays = Enumerable.Range(0, 20_000).Select(_ => (Slot: random.Next(3), Customer: random.Next(-50, 3_000) * 7919)).ToList();
        foreach (var (slot, customer) in plays)
        {
            customers.Append(slot, customer);
            expected[slot].Add(customer);
        }
        for (var slot = 0; slot < 3; slot++)
            Assert.Equal(expected[slot].ToArray(), customers.Of(slot).ToArray());

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var (slot, customer) in plays)
            customers.Append(slot, customer);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
