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
