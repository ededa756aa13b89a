using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class ListeningCalendarTests
{
    [Theory]
    [InlineData(0L, 3)]
    [InlineData(1L, 3)]
    [InlineData(999_983L, 90)]
    [InlineData(10_000_000_000L, 2)]
    public void Hour_counts_add_up_exactly_and_are_never_negative(long events, int days)
    {
        var counts = ListeningCalendar.HourCounts(events, GeneratorOptions.DefaultStart, days, 42);
        Assert.Equal(days * 24, counts.Length);
        Assert.Equal(events, counts.Sum());
        Assert.All(counts, c => Assert.True(c >= 0));
    }

    [Fact]
    public void Evening_hours_get_more_than_night_hours_every_day()
    {
        var counts = ListeningCalendar.HourCounts(2_000_000, GeneratorOptions.DefaultStart, 30, 42);
        for (var day = 0; day < 30; day++)
        {
            var night = Enumerable.Range(0, 5).Sum(h => counts[day * 24 + h]);
            var evening = Enumerable.Range(17, 5).Sum(h => counts[day * 24 + h]);
            Assert.True(evening > 2 * night, $"day {day}: evening {evening}, night {night}");
        }
    }

    [Fact]
    public void The_rhythm_follows_the_hour_of_day_of_the_start()
    {
        // Starting at 19:00 the first slot is an evening hour and slot 8 (03:00) a night hour.
        var start = new DateTime(2014, 10, 1, 19, 0, 0, DateTimeKind.Utc);
        var counts = ListeningCalendar.HourCounts(1_000_000, start, 10, 1);
        Assert.True(counts[0] > 3 * counts[8], $"19:00 {counts[0]} vs 03:00 {counts[8]}");
    }
}
