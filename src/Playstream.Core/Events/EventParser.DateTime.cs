using System.Runtime.CompilerServices;

namespace Playstream.Core.Events;

public static partial class EventParser
{
    /// <summary>Days in each month of a common year; a static span is baked into the binary, not allocated.</summary>
    private static ReadOnlySpan<byte> DaysInMonth => [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    /// <summary>
    /// Reads exactly <c>yyyy-MM-dd HH:mm:ss</c> (UTF-8) as UTC and returns whole seconds since the
    /// Unix epoch. False for any other shape, a year outside 0001-9999, a day the calendar does not
    /// have (Feb 29 outside leap years, Apr 31, ...), an hour past 23, or minutes or seconds past 59.
    /// </summary>
    /// <remarks>Pure arithmetic: no DateTime parsing, no culture, no allocation.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDateTime(ReadOnlySpan<byte> text, out long unixSeconds)
    {
        unixSeconds = 0;
        // One length check up front lets the JIT drop the bounds checks on every index below.
        if (text.Length != 19
            || text[4] != (byte)'-' || text[7] != (byte)'-' || text[10] != (byte)' '
            || text[13] != (byte)':' || text[16] != (byte)':')
            return false;

        var century = TwoDigits(text, 0);
        var yearOfCentury = TwoDigits(text, 2);
        var month = TwoDigits(text, 5);
        var day = TwoDigits(text, 8);
        var hour = TwoDigits(text, 11);
        var minute = TwoDigits(text, 14);
        var second = TwoDigits(text, 17);
        // TwoDigits gives 100 for a non-digit, which fails every range check here.
        if (century > 99 || yearOfCentury > 99 || (uint)(month - 1) >= 12 || hour > 23 || minute > 59 || second > 59 || day == 0)
            return false;
        var year = century * 100 + yearOfCentury;
        if (year == 0)
            return false;
        var monthDays = DaysInMonth[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
        if (day > monthDays)
            return false;

        unixSeconds = DaysFromCivil(year, month, day) * 86_400L + hour * 3_600 + minute * 60 + second;
        return true;
    }

    /// <summary>Gregorian leap year rule: every 4th year, except centuries not divisible by 400.</summary>
    internal static bool IsLeapYear(int year) => (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);

    /// <summary>
    /// Days from 1970-01-01 to a proleptic Gregorian date. Counting years from March makes the
    /// leap day the last day of the year, so the day of the year is a linear formula of the month.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static long DaysFromCivil(int year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;           // years start in March
        var era = y / 400;                              // y >= 0 for years 0001-9999
        var yearOfEra = y - era * 400;                  // 0..399
        var monthFromMarch = month > 2 ? month - 3 : month + 9; // Mar = 0 .. Feb = 11
        var dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1;
        var dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;     // 719468 = days from 0000-03-01 to 1970-01-01
    }

    /// <summary>Two ASCII digits as 0..99, or a value >= 100 when either is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int TwoDigits(ReadOnlySpan<byte> text, int at)
    {
        var tens = (uint)(text[at] - '0');
        var ones = (uint)(text[at + 1] - '0');
        return tens > 9 || ones > 9 ? 100 : (int)(tens * 10 + ones);
    }
}
