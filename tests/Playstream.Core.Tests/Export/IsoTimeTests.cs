using System.Text;
using Playstream.Core.Export;

namespace Playstream.Core.Tests.Export;

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00Z")]
    [InlineData(1_414_035_980L, "2014-10-23T03:46:20Z")]
    [InlineData(-1L, "1969-12-31T23:59:59Z")]
    [InlineData(951_782_400L, "2000-02-29T00:00:00Z")]
    [InlineData(253_402_300_799L, "9999-12-31T23:59:59Z")]
    public void FormatUtf8_writes_the_same_text_as_Format(long seconds, string expected)
    {
        Span<byte> bytes = stackalloc byte[IsoTime.Utf8Length];
        var written = IsoTime.FormatUtf8(seconds, bytes);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes[..written]));
        Assert.Equal(expected, IsoTime.Format(seconds));
        Assert.Equal(seconds, IsoTime.Parse(expected));
    }

    [Fact]
    public void FormatUtf8_refuses_a_destination_too_short()
    {
        var bytes = new byte[IsoTime.Utf8Length - 1];
        Assert.Throws<ArgumentException>(() => IsoTime.FormatUtf8(0, bytes));
    }
}
