using System.Text;
using Playstream.Shipping.Sinks;

namespace Playstream.Shipping.Tests.Sinks;

public sealed class CustomerKeysTests
{
    [Theory]
    [InlineData("1,42,9,2014-10-01 10:00:00,1,12345", "42")]
    [InlineData("1,\"42\",9,2014-10-01 10:00:00,1,12345", "42")]    // quoted
    [InlineData("1,007,9,2014-10-01 10:00:00,1,12345", "7")]        // as a number: 007 is 7
    [InlineData("1,0,9,2014-10-01 10:00:00,1,12345", "0")]
    [InlineData("1,2147483647,9", "2147483647")]                    // the rest of the line is not read
    [InlineData("1,70000,9,2014-10-01 10:00:00,1,1", "70000")]      // above the ids kept made
    [InlineData("1,42,9,2014-10-01 10:00:00,1,1\r", "42")]
    [InlineData("1,x,9,2014-10-01 10:00:00,1,1", "")]               // not a number
    [InlineData("1,-4,9,2014-10-01 10:00:00,1,1", "")]
    [InlineData("1,2147483648,9", "")]                              // beyond 32 bits
    [InlineData("1,\"42,9", "")]                                    // a quote not closed
    [InlineData("1", "")]                                           // no second field
    [InlineData("", "")]
    public void A_lines_customer_part_is_its_customer_id_as_decimal_text_or_nothing(string line, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(line);

        Assert.Equal(expected, Encoding.ASCII.GetString(new CustomerKeys().Of(bytes)));
        Assert.Equal(expected, Encoding.ASCII.GetString(CustomerKeys.Digits(bytes)));
    }

    [Fact]
    public void The_text_of_a_small_id_is_made_once_and_stays_as_it_was()
    {
        var keys = new CustomerKeys();
        var first = keys.Of("1,42,9"u8);
        var second = keys.Of("2,\"042\",3"u8);
        keys.Of("3,43,9"u8);

        Assert.True(first.Overlaps(second), "the same id's text is the same bytes");
        Assert.Equal("42", Encoding.ASCII.GetString(first));
        Assert.False(keys.Of("1,70000,9"u8).Overlaps(keys.Of("1,70000,9"u8)), "ids past the cache are made each time");
    }
}
