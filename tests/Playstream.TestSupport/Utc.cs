using System.Globalization;

namespace Playstream.TestSupport;

/// <summary>Readable times for tests: <c>Utc.Seconds("2014-10-23 03:00:00")</c> is Unix seconds.</summary>
public static class Utc
{
    public static long Seconds(string dateTime) =>
        new DateTimeOffset(DateTime.ParseExact(dateTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero)
            .ToUnixTimeSeconds();

    public static string Text(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
