using Playstream.Core.Operators.Profiles;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Operators.Profiles;

public class DayPartsTests
{
    [Theory]
    [InlineData("2014-10-23 04:59:59", DayPart.Night)]
    [InlineData("2014-10-23 05:00:00", DayPart.Morning)]
    [InlineData("2014-10-23 11:59:59", DayPart.Morning)]
    [InlineData("2014-10-23 12:00:00", DayPart.Afternoon)]
    [InlineData("2014-10-23 16:59:59", DayPart.Afternoon)]
    [InlineData("2014-10-23 17:00:00", DayPart.Evening)]
    [InlineData("2014-10-23 21:59:59", DayPart.Evening)]
    [InlineData("2014-10-23 22:00:00", DayPart.Night)]
    [InlineData("2014-10-23 23:59:59", DayPart.Night)]
    [InlineData("2014-10-24 00:00:00", DayPart.Night)]
    [InlineData("1969-12-31 23:00:00", DayPart.Night)]
    [InlineData("1969-12-31 06:00:00", DayPart.Morning)]
    public void The_utc_hour_picks_the_part_of_the_day(string time, DayPart expected) =>
        Assert.Equal(expected, DayParts.Of(Utc.Seconds(time)));
}
