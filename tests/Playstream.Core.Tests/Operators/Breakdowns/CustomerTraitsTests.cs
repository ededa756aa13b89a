using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Core.Tests.Operators.Breakdowns;

public sealed class CustomerTraitsTests
{
    [Theory]
    [InlineData("0", "free")]
    [InlineData(" 1 ", "silver")]
    [InlineData("2", "gold")]
    [InlineData("3", "unknown")]
    [InlineData("", "unknown")]
    [InlineData(null, "unknown")]
    public void Levels_0_to_2_are_free_silver_gold_and_anything_else_unknown(string? level, string name) =>
        Assert.Equal(name, CustomerTraits.LevelName(CustomerTraits.LevelOf(level)));

    [Theory]
    [InlineData("0", "under 18")]
    [InlineData("17", "under 18")]
    [InlineData("18", "18-24")]
    [InlineData("24", "18-24")]
    [InlineData("25", "25-34")]
    [InlineData("44", "35-44")]
    [InlineData("45", "45-54")]
    [InlineData("64", "55-64")]
    [InlineData("65", "65+")]
    [InlineData("150", "65+")]
    [InlineData("151", "unknown")]
    [InlineData("-3", "unknown")]
    [InlineData("2x", "unknown")]
    [InlineData(null, "unknown")]
    public void Ages_fall_in_their_band_and_an_unreadable_or_impossible_age_is_unknown(string? age, string band) =>
        Assert.Equal(band, CustomerTraits.AgeName(CustomerTraits.AgeBandOf(age)));

    [Fact]
    public void Packed_traits_of_dense_and_sparse_ids_unpack_to_their_slots_and_a_stranger_is_unknown()
    {
        var table = new CustomerTable();
        table.Set(new Customer(3, "a", "F", "", "", "", "", "2", "", "", "40"));
        table.Set(new Customer(CustomerTable.DenseLimit + 5, "b", "M", "", "", "", "", "1", "", "", "19"));
        var traits = CustomerTraits.Of(table);

        Assert.Equal((2, 3), Unpack(traits.Packed(3)));                          // gold, 35-44
        Assert.Equal((1, 1), Unpack(traits.Packed(CustomerTable.DenseLimit + 5))); // silver, 18-24
        Assert.Equal((CustomerTraits.UnknownLevel, CustomerTraits.UnknownAge), Unpack(traits.Packed(0)));  // a hole below the largest id
        Assert.Equal((CustomerTraits.UnknownLevel, CustomerTraits.UnknownAge), Unpack(traits.Packed(99)));
        Assert.Same(traits, CustomerTraits.Of(table)); // computed once per table

        static (int, int) Unpack(byte packed) => (CustomerTraits.LevelSlot(packed), CustomerTraits.AgeSlot(packed));
    }

    [Fact]
    public void Names_read_back_to_their_slots_and_other_names_to_minus_one()
    {
        for (var slot = 0; slot < CustomerTraits.LevelSlots; slot++)
            Assert.Equal(slot, CustomerTraits.LevelSlotOf(CustomerTraits.LevelName(slot)));
        for (var slot = 0; slot < CustomerTraits.AgeSlots; slot++)
            Assert.Equal(slot, CustomerTraits.AgeSlotOf(CustomerTraits.AgeName(slot)));
        Assert.Equal(-1, CustomerTraits.LevelSlotOf("platinum"));
        Assert.Equal(-1, CustomerTraits.AgeSlotOf("18-25"));
    }
}
