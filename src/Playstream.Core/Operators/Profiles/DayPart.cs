namespace Playstream.Core.Operators.Profiles;

/// <summary>The four parts of the day a play is counted in, by the UTC hour of its event time.</summary>
public enum DayPart : byte
{
    /// <summary>05:00 to 11:59.</summary>
    Morning,
    /// <summary>12:00 to 16:59.</summary>
    Afternoon,
    /// <summary>17:00 to 21:59.</summary>
    Evening,
    /// <summary>22:00 to 04:59.</summary>
    Night,
}

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
