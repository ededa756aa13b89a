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
    public void The_key_is_customer_at_eleven_base64url_digits_of_source_then_the_offset_in_base64url()
    {
        // Worked by hand: 0x0123456789abcdef in 6-bit groups from the top (4 bits first) is
        // 0,4,35,17,22,30,9,42,60,55,47 -> A E j R W e J q 8 3 v; 1048576 = 2^20 = 4 * 64^3 -> E A A A.
        Assert.Equal("42@AEjRWeJq83vEAAA", Key("42", 0x0123456789abcdefUL, 1_048_576));
        Assert.Equal("@AAAAAAAAAAAA", Key("", 0, 0));
        Assert.Equal("7@AAAAAAAAAAB-", Key("7", 1, 62));
        Assert.Equal("4294967295@P__________H__________", Key("4294967295", ulong.MaxValue, long.MaxValue));
    }

    [Theory]
    [InlineData("42@0123456789abcdef:1048576", 0x0123456789abcdefUL, 1_048_576L)]
    [InlineData("@0000000000000000:0", 0UL, 0L)]
    [InlineData("4294967295@ffffffffffffffff:9223372036854775807", ulong.MaxValue, long.MaxValue)]
    public void Keys_of_earlier_versions_in_hex_and_decimal_are_still_read(string key, ulong source, long offset)
    {
        Assert.True(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(key), out var position));
        Assert.Equal(new LinePosition(source, offset), position);
    }

    [Fact]
    public void Every_offset_up_to_a_few_digits_reads_back_as_written()
    {
        for (long offset = 0; offset < 300_000; offset += 7)
        {
            Assert.True(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(Key("3", 0xfeedUL, offset)), out var position));
            Assert.Equal(new LinePosition(0xfeedUL, offset), position);
        }
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
    [InlineData("42@AEjRWeJq83v")]                          // no offset digit
    [InlineData("42@AEjRWeJq83")]                           // 10 source digits and nothing more
    [InlineData("42@AEjRWeJq83vAB")]                        // offset with a leading zero digit
    [InlineData("42@AEjRWeJq83vB.")]                        // not base64url
    [InlineData("42@AEjRWeJq83v+")]                         // base64, not base64url
    [InlineData("42@QEjRWeJq83vB")]                         // first source digit beyond 64 bits
    [InlineData("42@AEjRWeJq83vIAAAAAAAAAA")]               // 11-digit offset beyond 63 bits
    [InlineData("42@AEjRWeJq83vBAAAAAAAAAAA")]              // 12 offset digits
    [InlineData("4x@AEjRWeJq83vB")]                         // customer part not digits
    [InlineData("12345678901@AEjRWeJq83vB")]                // customer part longer than any int
    [InlineData("42@@AEjRWeJq83vB")]
    [InlineData("42 AEjRWeJq83vB")]
    [InlineData("42@0123456789abcdef")]                     // earlier versions: no offset part
    [InlineData("42@0123456789abcdef:")]                    // empty offset
    [InlineData("42@0123456789abcde:7")]                    // 15 hex digits
    [InlineData("42@0123456789abcdef0:7")]                  // 17 hex digits
    [InlineData("42@0123456789ABCDEF:7")]                   // upper case is not what the shipper wrote
    [InlineData("42@0123456789abcdeg:7")]                   // not hex
    [InlineData("42@0123456789abcdef:-7")]                  // negative offset
    [InlineData("42@0123456789abcdef:7x")]                  // trailing bytes
    [InlineData("42@0123456789abcdef:7:8")]
    [InlineData("42@0123456789abcdef:99999999999999999999")] // beyond a 64-bit offset
    [InlineData("4x@0123456789abcdef:7")]                   // customer part not digits
    public void A_key_of_any_other_shape_has_no_position(string key)
    {
        Assert.False(ShippedLineKey.TryReadPosition(Encoding.ASCII.GetBytes(key), out var position));
        Assert.Equal(default, position);
    }

    [Theory]
    [InlineData("42@AEjRWeJq83vB", 2)]
    [InlineData("@AEjRWeJq83vB", 0)]
    [InlineData("42", 2)]
    [InlineData("", 0)]
    public void The_customer_part_is_what_comes_before_the_at_sign(string key, int expected) =>
        Assert.Equal(expected, ShippedLineKey.CustomerLength(Encoding.ASCII.GetBytes(key)));

    [Fact]
    public void A_destination_too_short_is_refused()
    {
        var shortBuffer = new byte[16];
        Assert.Throws<ArgumentException>(() => ShippedLineKey.Write(shortBuffer, "42"u8, ShippedLineKey.SourcePart(1), 123_456));
    }
}
