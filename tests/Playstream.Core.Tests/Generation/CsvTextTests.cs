using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class CsvTextTests
{
    [Theory]
    [InlineData("Hold On", "\"Hold On\"")]
    [InlineData("Say \"Hi\"", "\"Say \"\"Hi\"\"\"")]
    [InlineData("", "\"\"")]
    public void Quoted_wraps_and_doubles_quotes(string value, string expected) =>
        Assert.Equal(expected, CsvText.Quoted(value));

    [Theory]
    [InlineData("Hold On", "Hold On")]
    [InlineData("Crosby, Stills & Nash", "\"Crosby, Stills & Nash\"")]
    [InlineData("Say \"Hi\"", "\"Say \"\"Hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Field_quotes_only_when_needed(string value, string expected) =>
        Assert.Equal(expected, CsvText.Field(value));
}
