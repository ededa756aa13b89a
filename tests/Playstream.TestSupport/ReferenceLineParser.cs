using System.Globalization;
using System.Text;

namespace Playstream.TestSupport;

/// <summary>
/// Plain, slow, obviously-correct parsing of one event line: split on commas, strip the
/// optional surrounding quotes, check each field in the contract's order. Returns the play,
/// or the snake_case name of the first broken rule.
/// </summary>
public static class ReferenceLineParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>One line as a file holds it (no line break): bytes that are not UTF-8 break the first rule.</summary>
    public static (ReferencePlay? Play, string? Problem) Parse(byte[] line)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            return (null, "bad_encoding");
        }
        return Parse(text);
    }

    public static (ReferencePlay? Play, string? Problem) Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = line.TrimEnd('\r').Split(',');
        if (fields.Length != 6)
            return (null, "field_count");
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (field.StartsWith('"'))
            {
                if (field.Length < 2 || !field.EndsWith('"'))
                    return (null, "bad_quoting");
                field = field[1..^1];
            }
            if (field.Contains('"'))
                return (null, "bad_quoting");
            fields[i] = field;
        }
        if (!long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var eventId))
            return (null, "bad_event_id");
        if (!int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var customer))
            return (null, "bad_customer_id");
        if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var track))
            return (null, "bad_track_id");
        if (!DateTime.TryParseExact(fields[3], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when))
            return (null, "bad_datetime");
        if (fields[4] != "0" && fields[4] != "1")
            return (null, "bad_ismobile");
        var time = new DateTimeOffset(when, TimeSpan.Zero).ToUnixTimeSeconds();
        return (new ReferencePlay(eventId, customer, track, time, fields[4] == "1"), null);
    }
}
