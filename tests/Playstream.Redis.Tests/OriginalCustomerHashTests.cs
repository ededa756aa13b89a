using Playstream.Core.Lookups;

namespace Playstream.Redis.Tests;

public class OriginalCustomerHashTests
{
    private static readonly Customer Robert = new(1, "Robert Gordon", "0", "10497 Thunder Hickory Villa", "17307", "07/27/2013", "1", "1", "1", "0", null);

    [Fact]
    public void Uses_the_original_loaders_field_names_in_its_order()
    {
        var entries = OriginalCustomerHash.ToEntries(Robert);
        Assert.Equal(
            ["name", "gender", "age", "zip", "Address", "SignDate", "Status", "Level", "Campaign", "LinkedWithApps"],
            entries.Select(e => e.Name.ToString()));
        Assert.Equal(
            ["Robert Gordon", "0", "", "17307", "10497 Thunder Hickory Villa", "07/27/2013", "1", "1", "1", "0"],
            entries.Select(e => e.Value.ToString()));
    }

    [Fact]
    public void Age_comes_from_the_file_when_it_has_one()
    {
        var entries = OriginalCustomerHash.ToEntries(Robert with { Age = "52" });
        Assert.Equal("52", entries.Single(e => e.Name == "age").Value.ToString());
    }

    [Fact]
    public void Two_mappings_of_one_customer_are_equal()
    {
        // The original drew a random age per load; this layout must be repeatable.
        Assert.Equal(OriginalCustomerHash.ToEntries(Robert), OriginalCustomerHash.ToEntries(Robert));
    }
}
