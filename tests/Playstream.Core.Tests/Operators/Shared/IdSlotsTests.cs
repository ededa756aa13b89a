using Playstream.Core.Operators.Shared;

namespace Playstream.Core.Tests.Operators.Shared;

public class IdSlotsTests
{
    [Fact]
    public void Small_and_huge_ids_get_stable_slots_in_order_of_first_use()
    {
        var slots = new IdSlots();
        Assert.Equal(0, slots.GetOrAdd(0));
        Assert.Equal(1, slots.GetOrAdd(int.MaxValue));
        Assert.Equal(2, slots.GetOrAdd(4999));
        Assert.Equal(3, slots.GetOrAdd(-7));
        Assert.Equal(0, slots.GetOrAdd(0));
        Assert.Equal(1, slots.Find(int.MaxValue));
        Assert.Equal(3, slots.Find(-7));
        Assert.Equal(-1, slots.Find(12));
        Assert.Equal(new[] { 0, int.MaxValue, 4999, -7 }, slots.Ids.ToArray());
    }
}
