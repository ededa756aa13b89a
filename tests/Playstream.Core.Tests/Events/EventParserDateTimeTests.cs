using System.Globalization;
using System.Text;
using Playstream.Core.Events;

namespace Playstream.Core.Tests.Events;

public class EventParserDateTimeTests
{
    private static bool TryParse(string text, out long seconds) =>
        EventParser.TryParseDateTime(Encoding.UTF8.GetBytes(text), out seconds);

    [Theory]
    [InlineData("1970-01-01 00:00:00", 0L)]
    [InlineData("1970-01-01 00:00:01", 1L)]
    [InlineData("1969-12-31 23:59:59", -1L)]
    [InlineData("1970-01-02 00:00:00", 86_400L)]
    [InlineData("1970-03-01 00:00:00", 59L * 86_400)]        // 31 + 28 days
    [InlineData("1972-03-01 00:00:00", (365L * 2 + 31 + 29) * 86_400)] // 1972 is a leap year
    [InlineData("2000-03-01 00:00:00", 951_868_800L)]
    [InlineData("2014-10-23 03:26:20", 1_414_034_780L)]
    [InlineData("2016-12-31 23:59:59", 1_483_228_799L)]
    [InlineData("0001-01-01 00:00:00", -62_135_596_800L)]
    [InlineData("9999-12-31 23:59:59", 253_402_300_799L)]
    public void Converts_known_instants(string text, long expected)
    {
        Assert.True(TryParse(text, out var seconds));
        Assert.Equal(expected, seconds);
    }

    [Fact]
    public void Agrees_with_DateTimeOffset_on_random_valid_datetimes()
    {
        var random = new Random(20141023);
        var min = DateTimeOffset.MinValue.ToUnixTimeSeconds();
        var max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        for (var i = 0; i < 20_000; i++)
        {
            // Half over the whole range, half near the seed data's years where mistakes would matter most.
            var expected = i % 2 == 0 ? random.NextInt64(min, max + 1) : random.NextInt64(0, 4_102_444_800);
            var text = DateTimeOffset.FromUnixTimeSeconds(expected).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Assert.True(TryParse(text, out var seconds), text);
            Assert.Equal(expected, seconds);
        }
    }

    [Fact]
    public void Accepts_exactly_the_days_the_calendar_has()
    {
        int[] years = [1, 4, 100, 400, 1900, 1970, 1999, 2000, 2012, 2013, 2014, 2016, 2100, 2400, 9999];
        foreach (var year in years)
            for (var month = 0; month <= 13; month++)
                for (var day = 0; day <= 32; day++)
                {
                    var text = $"{year:D4}-{month:D2}-{day:D2} 12:34:56";
                    var real = DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var expected);
                    Assert.Equal(real, TryParse(text, out var seconds));
                    if (real)
                        Assert.Equal(new DateTimeOffset(expected, TimeSpan.Zero).ToUnixTimeSeconds(), seconds);
                }
    }

    [Theory]
    [InlineData("2014-02-30 00:00:00")]
    [InlineData("2013-02-29 00:00:00")]
    [InlineData("1900-02-29 00:00:00")]
    [InlineData("2014-04-31 00:00:00")]
    [InlineData("2014-00-10 00:00:00")]
    [InlineData("2014-13-10 00:00:00")]
    [InlineData("2014-10-00 00:00:00")]
    [InlineData("2014-10-32 00:00:00")]
    [InlineData("2014-10-23 24:00:00")]
    [InlineData("2014-10-23 23:60:00")]
    [InlineData("2014-10-23 23:59:60")]
    [InlineData("0000-01-01 00:00:00")]
    [InlineData("2014-10-23 3:26:20")]
    [InlineData("2014-10-23 03:26:20 ")]
    [InlineData("2014/10/23 03:26:20")]
    [InlineData("2014-10-23T03:26:20")]
    [InlineData("2014-10-23 03-26-20")]
    [InlineData("20x4-10-23 03:26:20")]
    [InlineData("201x-10-23 03:26:20")]
    [InlineData("x014-10-23 03:26:20")]
    [InlineData("2014-1x-23 03:26:20")]
    [InlineData("2014-10-2x 03:26:20")]
    [InlineData("2014-10-23 0x:26:20")]
    [InlineData("2014-10-23 03:2x:20")]
    [InlineData("2014-10-23 03:26:2x")]
    [InlineData("-014-10-23 03:26:20")]
    [InlineData("2014-10-23 03:26:2")]
    [InlineData("")]
    public void Rejects_invalid_datetimes(string text) => Assert.False(TryParse(text, out _));

    [Fact]
    public void Leap_years_follow_the_Gregorian_rule()
    {
        for (var year = 1; year <= 9999; year++)
            Assert.Equal(DateTime.IsLeapYear(year), EventParser.IsLeapYear(year));
    }
}
