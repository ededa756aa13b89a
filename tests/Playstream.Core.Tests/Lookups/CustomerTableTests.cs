using Playstream.Core.Lookups;

namespace Playstream.Core.Tests.Lookups;

public sealed class CustomerTableTests
{
    private static Customer C(int id, string gender = "F") => new(id, $"c{id}", gender, "", "", "", "", "", "", "", null);

    [Fact]
    public void Dense_and_sparse_ids_are_found_and_counted_once_each()
    {
        var table = new CustomerTable();
        var sparse = CustomerTable.DenseLimit + 7;
        table.Set(C(0));
        table.Set(C(5000));
        table.Set(C(sparse, "M"));
        table.Set(C(5000, "M")); // replaces, is not counted again

        Assert.Equal(3, table.Count);
        Assert.True(table.Contains(0) && table.Contains(5000) && table.Contains(sparse));
        Assert.False(table.Contains(1) || table.Contains(-1) || table.Contains(sparse + 1) || table.Contains(CustomerTable.DenseLimit - 1));
        Assert.Equal("M", table.Get(5000)!.Gender);
        Assert.Equal(GenderCodes.Slot("M"), table.GenderSlot(sparse));
        Assert.Equal(GenderCodes.Slot("M"), table.GenderSlot(5000));
        Assert.Equal(GenderCodes.UnknownSlot, table.GenderSlot(4999));
        Assert.Equal(GenderCodes.UnknownSlot, table.GenderSlot(-2));
        Assert.Null(table.Get(4999));
        Assert.Equal([0, 5000, sparse], table.All().Select(c => c.Id));
    }

    [Fact]
    public void A_negative_id_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerTable().Set(C(-1)));
}
