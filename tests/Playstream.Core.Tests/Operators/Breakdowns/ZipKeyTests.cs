using System.Text;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Core.Tests.Operators.Breakdowns;

public sealed class ZipKeyTests
{
    [Theory]
    [InlineData("72132")]
    [InlineData("02134")]
    [InlineData("0")]
    [InlineData("00000000")]
    [InlineData("99999999")]
    public void Up_to_eight_digits_come_back_as_written_leading_zeros_included(string zip) =>
        Assert.Equal(zip, ZipKey.Text(ZipKey.Of(Encoding.ASCII.GetBytes(zip))));

    [Theory]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("1234a")]
    [InlineData(" 1234")]
    [InlineData("-123")]
    public void Anything_else_is_other(string zip)
    {
        Assert.Equal(ZipKey.OtherKey, ZipKey.Of(Encoding.ASCII.GetBytes(zip)));
        Assert.Equal("other", ZipKey.Text(ZipKey.Of(Encoding.ASCII.GetBytes(zip))));
    }

    [Fact]
    public void Zips_differing_only_in_leading_zeros_are_different_keys() =>
        Assert.NotEqual(ZipKey.Of("01234"u8), ZipKey.Of("1234"u8));

    [Theory]
    [InlineData("02134")]
    [InlineData("other")]
    public void A_zips_text_reads_back_to_its_key(string text) =>
        Assert.Equal(text, ZipKey.Text(ZipKey.OfText(text)));
}
