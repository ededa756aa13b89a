using Playstream.Cli.Commands;

namespace Playstream.Cli.Tests.Commands;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("30M", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("30h", 108_000)]
    [InlineData("2d", 172_800)]
    [InlineData("45", 45)]
    [InlineData(" 5m ", 300)]
    [InlineData("0s", 0)]
    [InlineData("24855d", 24855 * 86_400)] // the last whole day below 2^31 seconds
    public void Durations_are_read_in_their_unit(string text, int seconds)
    {
        Assert.True(DurationParser.TryParseSeconds(text, out var parsed));
        Assert.Equal(seconds, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("1.5h")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("5 m")]
    [InlineData("5w")]
    [InlineData("10ms")]
    [InlineData("24856d")] // past 2^31 seconds
    [InlineData("99999999999999999999")]
    public void Anything_else_is_not_a_duration(string text) =>
        Assert.False(DurationParser.TryParseSeconds(text, out _));

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59, "59s")]
    [InlineData(90, "90s")]
    [InlineData(300, "5m")]
    [InlineData(5400, "90m")]
    [InlineData(108_000, "30h")]
    [InlineData(172_800, "2d")]
    public void Durations_are_written_in_the_largest_whole_unit(int seconds, string text) =>
        Assert.Equal(text, DurationParser.Format(seconds));

    [Fact]
    public void What_is_written_reads_back_the_same()
    {
        foreach (var seconds in new[] { 1, 61, 3600, 3601, 86_400, 90_000, 1_000_000 })
        {
            Assert.True(DurationParser.TryParseSeconds(DurationParser.Format(seconds), out var back));
            Assert.Equal(seconds, back);
        }
    }
}
