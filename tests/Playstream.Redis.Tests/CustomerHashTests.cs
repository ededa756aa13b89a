using Playstream.Core.Lookups;
using StackExchange.Redis;

namespace Playstream.Redis.Tests;

public class CustomerHashTests
{
    // The seed file's customer 0: 0,"Gregory Koval",0,"13004 Easy Cider Point","72132","06/04/2013",1,1,1,0
    private static readonly Customer Gregory = new(0, "Gregory Koval", "0", "13004 Easy Cider Point", "72132", "06/04/2013", "1", "1", "1", "0", null);

    private static Dictionary<string, string> AsDictionary(HashEntry[] entries) =>
        entries.ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());

    [Fact]
    public void Fields_are_snake_case_and_hold_the_files_values()
    {
        var fields = AsDictionary(CustomerHash.ToEntries(Gregory));
        var expected = new Dictionary<string, string>
        {
            ["name"] = "Gregory Koval",
            ["gender"] = "0",
            ["address"] = "13004 Easy Cider Point",
            ["zip"] = "72132",
            ["sign_date"] = "06/04/2013",
            ["status"] = "1",
            ["level"] = "1",
            ["campaign"] = "1",
            ["linked_with_apps"] = "0",
        };
        Assert.Equal(expected, fields);
    }

    [Fact]
    public void Age_is_written_only_when_the_file_has_it()
    {
        Assert.DoesNotContain("age", AsDictionary(CustomerHash.ToEntries(Gregory)).Keys);
        Assert.Equal("41", AsDictionary(CustomerHash.ToEntries(Gregory with { Age = "41" }))["age"]);
    }

    [Fact]
    public void Reads_back_the_same_customer()
    {
        Assert.Equal(Gregory, CustomerHash.FromEntries(0, CustomerHash.ToEntries(Gregory)));
        var aged = Gregory with { Id = 12, Age = "33" };
        Assert.Equal(aged, CustomerHash.FromEntries(12, CustomerHash.ToEntries(aged)));
    }

    [Fact]
    public void An_empty_hash_is_no_customer() =>
        Assert.Null(CustomerHash.FromEntries(3, []));

    [Fact]
    public void Missing_fields_read_as_empty()
    {
        var customer = CustomerHash.FromEntries(9, [new HashEntry("name", "Ann"), new HashEntry("gender", "1")]);
        Assert.NotNull(customer);
        Assert.Equal("Ann", customer.Name);
        Assert.Equal("1", customer.Gender);
        Assert.Equal("", customer.Zip);
        Assert.Null(customer.Age);
    }
}
