using Playstream.Core.Windows;

namespace Playstream.Core.Tests.Windows;

public class PaneSlotsTests
{
    [Fact]
    public void Slots_are_numbered_in_order_of_first_use()
    {
        var slots = new PaneSlots();
        Assert.Equal(0, slots.GetOrAdd(1000, out var added1));
        Assert.Equal(1, slots.GetOrAdd(10, out var added2));
        Assert.Equal(0, slots.GetOrAdd(1000, out var added3));
        Assert.True(added1);
        Assert.True(added2);
        Assert.False(added3);
        Assert.Equal(new long[] { 1000, 10 }, slots.Panes.ToArray());
        Assert.Equal(1, slots.Find(10));
        Assert.Equal(-1, slots.Find(11));
    }

    [Fact]
    public void Panes_far_apart_keep_their_slots()
    {
        var slots = new PaneSlots();
        var panes = new long[] { 5, -3, 5 + PaneSlots.DenseSpan * 3L, 200, long.MaxValue / 2, 5 + PaneSlots.DenseSpan * 3L - 100 };
        var expected = new Dictionary<long, int>();
        foreach (var pane in panes)
            expected[pane] = slots.GetOrAdd(pane, out _);
        Assert.Equal(panes.Length, slots.Count);
        foreach (var (pane, slot) in expected)
        {
            Assert.Equal(slot, slots.Find(pane));
            Assert.Equal(slot, slots.GetOrAdd(pane, out var added));
            Assert.False(added);
        }
    }

    [Fact]
    public void A_far_pane_is_still_found_after_the_dense_range_grows_over_it()
    {
        var slots = new PaneSlots();
        slots.GetOrAdd(0, out _);
        var far = (long)PaneSlots.DenseSpan - 10; // beyond the first dense range, reachable by widening
        var farSlot = slots.GetOrAdd(far, out _);
        // Fill in between so the dense range widens step by step.
        for (long pane = 0; pane < far; pane += 4096)
            slots.GetOrAdd(pane, out _);
        Assert.Equal(farSlot, slots.Find(far));
        Assert.Equal(farSlot, slots.GetOrAdd(far, out var added));
        Assert.False(added);
    }

    [Fact]
    public void InPaneOrder_sorts_panes_with_their_slots()
    {
        var slots = new PaneSlots();
        foreach (var pane in new long[] { 7, 3, 9 })
            slots.GetOrAdd(pane, out _);
        var (panes, order) = slots.InPaneOrder();
        Assert.Equal(new long[] { 3, 7, 9 }, panes);
        Assert.Equal(new[] { 1, 0, 2 }, order);
    }
}
