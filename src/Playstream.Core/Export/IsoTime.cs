using System.Globalization;

namespace Playstream.Core.Export;

/// <summary>Unix seconds to and from the export's ISO 8601 UTC text (<c>2014-10-23T03:00:00Z</c>).</summary>
public static class IsoTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static long Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            .ToUnixTimeSeconds();
}
