using System.Text;
using Playstream.Core.Events;

namespace Playstream.Core.Tests.Events;

public class PlayLineTests
{
    private const string Play = "1,48,453,2014-10-23 03:26:20,0,72132";

    private static (LineKind Kind, PlayEvent Play, string Zip, DeadLetterReason Reason) Read(string text)
    {
        var line = Encoding.UTF8.GetBytes(text);
        var kind = PlayLine.Read(line, out var play, out var zip, out var reason);
        return (kind, play, kind == LineKind.Play ? Encoding.UTF8.GetString(line.AsSpan()[zip]) : "", reason);
    }

    [Theory]
    [InlineData(Play)]
    [InlineData(Play + "\r")] // a CRLF line, cut before its '\n'
    public void A_play_reads_the_same_with_or_without_the_carriage_return_of_its_terminator(string text)
    {
        var read = Read(text);
        Assert.Equal(LineKind.Play, read.Kind);
        Assert.Equal(new PlayEvent(1, 48, 453, 1414034780, false), read.Play);
        Assert.Equal("72132", read.Zip);
    }

    [Fact]
    public void Only_one_carriage_return_belongs_to_the_terminator()
    {
        var read = Read(Play + "\r\r");
        Assert.Equal(LineKind.Play, read.Kind);
        Assert.Equal("72132\r", read.Zip); // the zip is kept byte for byte
    }

    [Theory]
    [InlineData("")]
    [InlineData("\r")]
    [InlineData("  \t \r")]
    public void Empty_and_whitespace_lines_are_blank(string text) => Assert.Equal(LineKind.Blank, Read(text).Kind);

    [Theory]
    [InlineData("1,48,453", DeadLetterReason.FieldCount)]
    [InlineData("1,48,x,2014-10-23 03:26:20,0,72132\r", DeadLetterReason.BadTrackId)]
    [InlineData(" ,48,453,2014-10-23 03:26:20,0,72132", DeadLetterReason.BadEventId)]
    public void Other_lines_that_are_not_plays_are_dead_letters_with_their_reason(string text, DeadLetterReason reason) =>
        Assert.Equal((LineKind.DeadLetter, reason), (Read(text).Kind, Read(text).Reason));

    [Fact]
    public void A_dead_letter_keeps_the_line_without_its_terminator_and_says_why()
    {
        var letter = PlayLine.DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("a.csv", 3), "1,48\r"u8);
        Assert.Equal(new DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("a.csv", 3), "1,48",
            "the line does not have exactly 6 comma-separated fields"), letter);
        Assert.Equal("late by a day", PlayLine.DeadLetter(DeadLetterReason.Late, new SourcePosition("t/0", 9), "x"u8, "late by a day").Detail);
    }

    [Fact]
    public void A_dead_letters_text_shows_bytes_that_are_not_utf8_as_replacement_characters()
    {
        Assert.Equal("a\uFFFDb", PlayLine.Text([(byte)'a', 0xFF, (byte)'b', (byte)'\r']));
    }
}
