using System.Globalization;

namespace Playstream.Core.Export;

/// <summary>Unix seconds to and from the export's ISO 8601 UTC text (<c>2014-10-23T03:00:00Z</c>).</summary>
public static class IsoTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Bytes <see cref="FormatUtf8"/> writes.</summary>
    public const int Utf8Length = 20;

    /// <summary>
    /// The same text as <see cref="Format"/>, as UTF-8 into <paramref name="destination"/> (at least
    /// <see cref="Utf8Length"/> bytes), without a string: exports and result documents write many.
    /// </summary>
    public static int FormatUtf8(long unixSeconds, Span<byte> destination)
    {
        // The sortable standard format is yyyy-MM-ddTHH:mm:ss, and takes a fast path a custom pattern does not.
        if (!DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.TryFormat(destination, out var written, "s", CultureInfo.InvariantCulture)
            || written + 1 > destination.Length)
            throw new ArgumentException("the destination is too short for a time", nameof(destination));
        destination[written++] = (byte)'Z';
        return written;
    }

    public static long Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            .ToUnixTimeSeconds();
}
