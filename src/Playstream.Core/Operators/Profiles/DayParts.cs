namespace Playstream.Core.Operators.Profiles;

/// <summary>Which <see cref="DayPart"/> a play time falls in.</summary>
public static class DayParts
{
    // Indexed by hour of day; a table read is cheaper than a chain of comparisons on the hot path.
    private static readonly DayPart[] ByHour =
    [
        DayPart.Night, DayPart.Night, DayPart.Night, DayPart.Night, DayPart.Night,
        DayPart.Morning, DayPart.Morning, DayPart.Morning, DayPart.Morning, DayPart.Morning, DayPart.Morning, DayPart.Morning,
        DayPart.Afternoon, DayPart.Afternoon, DayPart.Afternoon, DayPart.Afternoon, DayPart.Afternoon,
        DayPart.Evening, DayPart.Evening, DayPart.Evening, DayPart.Evening, DayPart.Evening,
        DayPart.Night, DayPart.Night,
    ];

    /// <summary>The part of the day of a time in Unix seconds (UTC), also before 1970.</summary>
    public static DayPart Of(long time)
    {
        var secondOfDay = time % 86_400;
        if (secondOfDay < 0)
            secondOfDay += 86_400;
        return ByHour[secondOfDay / 3_600];
    }
}
