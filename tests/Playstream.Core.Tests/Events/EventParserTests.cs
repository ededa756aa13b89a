using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Sources;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Events;

public class EventParserTests
{
    private static (PlayEvent Play, string Zip) Parse(string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.True(EventParser.TryParse(bytes, out var play, out var zip, out var reason), $"rejected as {reason}: {line}");
        return (play, EventParser.DecodeZip(bytes, zip));
    }

    private static DeadLetterReason Reject(string line) => Reject(Encoding.UTF8.GetBytes(line));

    private static DeadLetterReason Reject(byte[] line)
    {
        Assert.False(EventParser.TryParse(line, out var play, out _, out var reason));
        Assert.Equal(default, play);
        return reason;
    }

    [Fact]
    public void Reads_the_contract_example()
    {
        var (play, zip) = Parse("0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"");
        // 2014-10-23 03:26:20 UTC = 1414034780 (16366 days * 86400 + 3*3600 + 26*60 + 20).
        Assert.Equal(new PlayEvent(0, 48, 453, 1_414_034_780, false), play);
        Assert.Equal("72132", zip);
    }

    [Fact]
    public void Reads_unquoted_and_fully_quoted_lines_alike()
    {
        var plain = Parse("7,1,2,2000-02-29 12:00:00,1,12345");
        var quoted = Parse("\"7\",\"1\",\"2\",\"2000-02-29 12:00:00\",\"1\",\"12345\"");
        Assert.Equal(new PlayEvent(7, 1, 2, 951_825_600, true), plain.Play);
        Assert.Equal(plain, quoted);
    }

    [Fact]
    public void Strips_a_trailing_carriage_return()
    {
        var (play, zip) = Parse("1,2,3,1970-01-01 00:00:01,1,99\r");
        Assert.Equal(new PlayEvent(1, 2, 3, 1, true), play);
        Assert.Equal("99", zip);
        Assert.Equal("", Parse("1,2,3,1970-01-01 00:00:01,1,\r").Zip);
    }

    [Fact]
    public void Zip_range_points_inside_the_line_without_quotes()
    {
        var line = "1,2,3,1970-01-01 00:00:00,0,\"ab\""u8;
        Assert.True(EventParser.TryParse(line, out _, out var zip, out _));
        Assert.Equal(29, zip.Start.GetOffset(line.Length));
        Assert.Equal(31, zip.End.GetOffset(line.Length));
        Assert.Equal("ab"u8.ToArray(), line[zip].ToArray());
    }

    [Theory]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,", "")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"\"", "")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"a,b\"", "a,b")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"say \"\"hi\"\"\"", "say \"hi\"")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"\"\"\"", "\"")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0, 12 345 ", " 12 345 ")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,Zürich 8001", "Zürich 8001")]
    public void Zip_is_any_text(string line, string expected) => Assert.Equal(expected, Parse(line).Zip);

    [Fact]
    public void Accepts_leading_zeros()
    {
        var (play, _) = Parse("007,000000000000000000000048,0453,2014-10-23 03:26:20,0,1");
        Assert.Equal(7, play.EventId);
        Assert.Equal(48, play.CustomerId);
        Assert.Equal(453, play.TrackId);
    }

    [Fact]
    public void Accepts_the_largest_ids()
    {
        var (play, _) = Parse("9223372036854775807,2147483647,2147483647,2014-10-23 03:26:20,0,1");
        Assert.Equal(long.MaxValue, play.EventId);
        Assert.Equal(int.MaxValue, play.CustomerId);
        Assert.Equal(int.MaxValue, play.TrackId);
    }

    [Theory]
    [InlineData("9223372036854775808,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("99999999999999999999,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("18446744073709551617,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)] // wraps a ulong to 1
    [InlineData("1,2147483648,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)]
    [InlineData("1,4294967297,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)] // wraps a uint to 1
    [InlineData("1,1,2147483648,2014-10-23 03:26:20,0,1", DeadLetterReason.BadTrackId)]
    [InlineData("1,1,99999999999,2014-10-23 03:26:20,0,1", DeadLetterReason.BadTrackId)]
    public void Rejects_ids_that_overflow(string line, DeadLetterReason expected) => Assert.Equal(expected, Reject(line));

    [Theory]
    [InlineData(",1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("\"\",1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("-1,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("+1,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("1.0,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("x,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData(" 1,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("1 ,1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("\"1 \",1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("\"1\"\"2\",1,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadEventId)]
    [InlineData("1,,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)]
    [InlineData("1,-5,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)]
    [InlineData("1,+5,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)]
    [InlineData("1, 5,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)]
    [InlineData("1,5a,1,2014-10-23 03:26:20,0,1", DeadLetterReason.BadCustomerId)]
    [InlineData("1,1,,2014-10-23 03:26:20,0,1", DeadLetterReason.BadTrackId)]
    [InlineData("1,1,-3,2014-10-23 03:26:20,0,1", DeadLetterReason.BadTrackId)]
    [InlineData("1,1,3 ,2014-10-23 03:26:20,0,1", DeadLetterReason.BadTrackId)]
    [InlineData("1,1,1,,0,1", DeadLetterReason.BadDatetime)]
    [InlineData("1,1,1,2014-10-23,0,1", DeadLetterReason.BadDatetime)]
    [InlineData("1,1,1,2014-10-23T03:26:20,0,1", DeadLetterReason.BadDatetime)]
    [InlineData("1,1,1, 2014-10-23 03:26:20,0,1", DeadLetterReason.BadDatetime)]
    [InlineData("1,1,1,2014-10-23 03:26:20Z,0,1", DeadLetterReason.BadDatetime)]
    [InlineData("1,1,1,2013-02-29 00:00:00,0,1", DeadLetterReason.BadDatetime)]
    [InlineData("1,1,1,2014-10-23 03:26:20,,1", DeadLetterReason.BadIsMobile)]
    [InlineData("1,1,1,2014-10-23 03:26:20,2,1", DeadLetterReason.BadIsMobile)]
    [InlineData("1,1,1,2014-10-23 03:26:20,00,1", DeadLetterReason.BadIsMobile)]
    [InlineData("1,1,1,2014-10-23 03:26:20,true,1", DeadLetterReason.BadIsMobile)]
    [InlineData("1,1,1,2014-10-23 03:26:20, 1,1", DeadLetterReason.BadIsMobile)]
    [InlineData("1,1,1,2014-10-23 03:26:20,/,1", DeadLetterReason.BadIsMobile)] // '/' is '0' - 1
    public void Rejects_bad_values(string line, DeadLetterReason expected) => Assert.Equal(expected, Reject(line));

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,1,extra")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,1,")]
    [InlineData("1;2;3;2014-10-23 03:26:20;0;1")]
    [InlineData("1,2,3,\"2014-10-23 03:26:20\",0,\"a\",\"b\"")]
    [InlineData("x,2,3,2014-10-23 03:26:20,0")] // structure is reported before values
    public void Rejects_a_wrong_field_count(string line) => Assert.Equal(DeadLetterReason.FieldCount, Reject(line));

    [Theory]
    [InlineData("1,2,3,\"2014-10-23 03:26:20,0,1")]           // never closed
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"72132")]        // never closed, last field
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"72\"132")]      // text after the closing quote
    [InlineData("1,2,3,2014-10-23 03:26:20,0,\"72132\" ")]     // even a space
    [InlineData("\"1\"x,2,3,2014-10-23 03:26:20,0,1")]
    [InlineData("1,2,3,2014-10-23 03:26:20,0,72\"132")]        // a quote inside an unquoted field
    [InlineData("1,2,3,2014-10-23 03:26:20,0, \"72132\"")]     // a space makes it unquoted
    [InlineData("1,2,3,2014-10-23 03:26:20\",0,1")]
    [InlineData("x,2,3,2014-10-23 03:26:20,0,\"1")]           // structure is reported before values
    public void Rejects_bad_quoting(string line) => Assert.Equal(DeadLetterReason.BadQuoting, Reject(line));

    [Fact]
    public void Rejects_invalid_utf8_before_anything_else()
    {
        byte[] badZip = [.. "1,2,3,2014-10-23 03:26:20,0,"u8, 0xC3, 0x28];
        byte[] loneContinuation = [.. "x,2,"u8, 0x80];
        byte[] overlong = [.. "1,2,3,2014-10-23 03:26:20,0,"u8, 0xC0, 0xAF];
        Assert.Equal(DeadLetterReason.BadEncoding, Reject(badZip));
        Assert.Equal(DeadLetterReason.BadEncoding, Reject(loneContinuation));
        Assert.Equal(DeadLetterReason.BadEncoding, Reject(overlong));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("\r", true)]
    [InlineData("  \t \r", true)]
    [InlineData(" x ", false)]
    [InlineData(",", false)]
    public void Blank_lines_are_only_whitespace(string line, bool blank) =>
        Assert.Equal(blank, EventParser.IsBlank(Encoding.UTF8.GetBytes(line)));

    [Theory]
    [InlineData("0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"", 48)]
    [InlineData("\"0\",\"0048\",x", 48)]
    [InlineData("\"a,b\",7", 7)]
    [InlineData("1,2147483647\r", int.MaxValue)]
    [InlineData("garbage,5,and,more", 5)]
    public void Reads_just_the_customer_id(string line, int expected)
    {
        Assert.True(EventParser.TryReadCustomerId(Encoding.UTF8.GetBytes(line), out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("48")]
    [InlineData("0,")]
    [InlineData("0,-1,2")]
    [InlineData("0,2147483648,2")]
    [InlineData("0, 4,2")]
    [InlineData("0,\"4,2")]
    [InlineData("\"0,4,2")]
    [InlineData("0,\"4\"x,2")]
    public void Customer_id_read_fails_without_a_clean_second_field(string line) =>
        Assert.False(EventParser.TryReadCustomerId(Encoding.UTF8.GetBytes(line), out _));

    [Fact]
    public void Every_reason_has_a_description()
    {
        foreach (var reason in Enum.GetValues<DeadLetterReason>())
            Assert.NotEqual(reason.ToString(), EventParser.Describe(reason));
    }

    [Fact]
    public void Parsing_allocates_nothing()
    {
        byte[][] lines =
        [
            .. new[]
            {
                "0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"",
                "1,1081,19,2014-10-15 18:32:14,1,17307\r",
                "2,5,6,\"2014-10-23 03:26:20\",0,\"a,\"\"b\"\"\"",
                "3,5,6,2013-02-29 00:00:00,0,1",
                "4,5,6,2014-10-23 03:26:20,0,\"1",
                "5,5",
            }.Select(Encoding.UTF8.GetBytes),
        ];
        var accepted = 0;
        for (var i = 0; i < 1000; i++) // warm up past tiered compilation
            accepted += ParseAll(lines);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
            accepted += ParseAll(lines);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(3 * 11_000, accepted);
    }

    [Fact]
    public void Each_line_of_the_fixture_log_is_read_as_the_reference_reads_it()
    {
        // Split at \n only, so the parser meets the CRLF lines' \r itself.
        var outcomes = new List<string>();
        foreach (var line in LogFile.Lines(Fixtures.Plays))
        {
            if (EventParser.IsBlank(line))
                continue;
            var (expected, problem) = ReferenceLineParser.Parse(line);
            var parsed = EventParser.TryParse(line, out var play, out _, out var reason);
            var text = Encoding.UTF8.GetString(line);
            if (expected is null)
            {
                Assert.False(parsed, text);
                Assert.Equal(problem, reason.Name());
                outcomes.Add(problem!);
            }
            else
            {
                Assert.True(parsed, $"{text}: {reason}");
                Assert.Equal(expected, new ReferencePlay(play.EventId, play.CustomerId, play.TrackId, play.Time, play.IsMobile));
                outcomes.Add("play");
            }
        }
        Assert.Equal(Fixtures.PlayCount, outcomes.Count(o => o == "play"));
        Assert.Equal(Fixtures.DeadLettersByReason, outcomes.Where(o => o != "play").CountBy(o => o).ToDictionary(p => p.Key, p => (long)p.Value));
    }

    [SeedDataFact]
    public void Parses_every_line_of_the_seed_live_log()
    {
        using var reader = LineReader.Open(SeedData.File("tracks_live.csv"));
        var lines = 0;
        var eventIds = new List<long>();
        while (reader.TryReadLine(out var line, out _, out _))
        {
            lines++;
            Assert.True(EventParser.TryParse(line, out var play, out _, out var reason), $"line {lines}: {reason}");
            eventIds.Add(play.EventId);
            Assert.InRange(play.Time, 1_412_121_600, 1_420_070_399); // 2014-10-01 .. 2014-12-31 (UTC)
        }
        // From the seed data's README: events 0-2681, then 0-791 again.
        Assert.Equal(3474, lines);
        Assert.Equal(Enumerable.Range(0, 2682).Concat(Enumerable.Range(0, 792)).Select(i => (long)i), eventIds);
    }

    private static int ParseAll(byte[][] lines)
    {
        var accepted = 0;
        foreach (var line in lines)
        {
            if (EventParser.TryParse(line, out _, out _, out _))
                accepted++;
            EventParser.TryReadCustomerId(line, out _);
            EventParser.IsBlank(line);
        }
        return accepted;
    }
}
