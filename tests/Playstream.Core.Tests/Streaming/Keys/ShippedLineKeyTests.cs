using System.Text;
using Playstream.Core.Streaming.Keys;

namespace Playstream.Core.Tests.Streaming.Keys;

public class ShippedLineKeyTests
{
    private static string Key(string customer, ulong source, long offset)
    {
        var key = new byte[ShippedLineKey.MaxLength];
        var length = ShippedLineKey.Write(key, Encoding.ASCII.GetBytes(customer), ShippedLineKey.SourcePart(source), offset);
        return Encoding.ASCII.GetString(key, 0, length);
    }

    [Fact]
    public void The_key_is_customer_at_sixteen_hex_digits_colon_offset()
    {
        Assert.Equal("42@0123456789abcdef:1048576", Key("42", 0x0123456789abcdefUL, 1_048_576));
        Assert.Equal("@0000000000000000:0", Key("", 0, 0));
        Assert.Equal("4294967295@ffffffffffffffff:9223372036854775807", Key("4294967295", ulong.MaxValue, long.MaxValue));
    }

    [Theory]
    [InlineData("42", 0x0123456789abcdefUL, 0L)]
    [InlineData("", 1UL, 33L)]
    [InlineData("0", ulong.MaxValue, long.MaxValue)]
    [InlineData("9999999999", 0x8000000000000000UL, 123_456_789_012L)]
    public void What_the_shipper_writes_the_processor_reads_back(string customer, ulong source, long offset)
    {
        Assert.True(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(Key(customer, source, offset)), out var position));
        Assert.Equal(new LinePosition(source, offset), position);
    }

    [Theory]
    [InlineData("")]                                        // no key
    [InlineData("42")]                                      // a bare customer id, as Logstash or kcat send it
    [InlineData("42@0123456789abcdef")]                     // no offset part
    [InlineData("42@0123456789abcdef:")]                    // empty offset
    [InlineData("42@0123456789abcde:7")]                    // 15 hex digits
    [InlineData("42@0123456789abcdef0:7")]                  // 17 hex digits
    [InlineData("42@0123456789ABCDEF:7")]                   // upper case is not what the shipper writes
    [InlineData("42@0123456789abcdeg:7")]                   // not hex
    [InlineData("42@0123456789abcdef:-7")]                  // negative offset
    [InlineData("42@0123456789abcdef:7x")]                  // trailing bytes
    [InlineData("42@0123456789abcdef:7:8")]
    [InlineData("42@0123456789abcdef:99999999999999999999")] // beyond a 64-bit offset
    [InlineData("4x@0123456789abcdef:7")]                   // customer part not digits
    [InlineData("12345678901@0123456789abcdef:7")]          // customer part longer than any int
    [InlineData("42@@0123456789abcdef:7")]
    [InlineData("42 0123456789abcdef:7")]
    public void A_key_of_any_other_shape_has_no_position(string key)
    {
        Assert.False(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(key), out var position));
        Assert.Equal(default, position);
    }

    [Theory]
    [InlineData("42@0123456789abcdef:7", 2)]
    [InlineData("@0123456789abcdef:7", 0)]
    [InlineData("42", 2)]
    [InlineData("", 0)]
    public void The_customer_part_is_what_comes_before_the_at_sign(string key, int expected) =>
        Assert.Equal(expected, ShippedLineKey.CustomerLength(Encoding.ASCII.GetBytes(key)));

    [Fact]
    public void A_destination_too_short_is_refused()
    {
        var shortBuffer = new byte[20];
        Assert.Throws<ArgumentException>(() => ShippedLineKey.Write(shortBuffer, "42"u8, ShippedLineKey.SourcePart(1), 123_456));
    }
}
