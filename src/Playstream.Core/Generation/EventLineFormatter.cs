using System.Buffers;
using System.Buffers.Text;

namespace Playstream.Core.Generation;

/// <summary>
/// Writes one event line the way the original live log did:
/// <c>0,48,453,"2014-10-23 03:26:20",0,"72132"</c> and a <c>\n</c>. Straight into a byte span, no
/// string per line. Plays come in time order, so the <c>yyyy-MM-dd HH:mm:</c> part is formatted
/// once per minute and only the seconds are written per line.
/// </summary>
internal sealed class EventLineFormatter
{
    /// <summary>Longest line: three 20-digit numbers, a 19-byte time, a zip and punctuation fit easily.</summary>
    public const int MaxLineLength = 128;

    private readonly byte[] _minutePrefix = new byte[17];
    private long _cachedMinute = long.MinValue;

    /// <summary>Formats a line into <paramref name="destination"/> (at least <see cref="MaxLineLength"/> bytes); returns its length.</summary>
    public int Format(Span<byte> destination, long eventId, int customer, int track, long unixSeconds, bool isMobile, int zip)
    {
        var n = 0;
        Utf8Formatter.TryFormat(eventId, destination, out var w);
        n += w;
        destination[n++] = (byte)',';
        Utf8Formatter.TryFormat(customer, destination[n..], out w);
        n += w;
        destination[n++] = (byte)',';
        Utf8Formatter.TryFormat(track, destination[n..], out w);
        n += w;
        destination[n++] = (byte)',';
        destination[n++] = (byte)'"';
        n += FormatTime(destination[n..], unixSeconds);
        destination[n++] = (byte)'"';
        destination[n++] = (byte)',';
        destination[n++] = isMobile ? (byte)'1' : (byte)'0';
        destination[n++] = (byte)',';
        destination[n++] = (byte)'"';
        n += FormatZip(destination[n..], zip);
        destination[n++] = (byte)'"';
        destination[n++] = (byte)'\n';
        return n;
    }

    /// <summary>Writes <c>yyyy-MM-dd HH:mm:ss</c> (19 bytes) for a time in whole seconds since the epoch.</summary>
    public int FormatTime(Span<byte> destination, long unixSeconds)
    {
        var minute = Math.DivRem(unixSeconds, 60, out var second);
        if (second < 0)
        {
            second += 60;
            minute--;
        }
        if (minute != _cachedMinute)
        {
            var at = DateTime.UnixEpoch.AddMinutes(minute);
            at.TryFormat(_minutePrefix, out _, "yyyy-MM-dd HH:mm:", System.Globalization.CultureInfo.InvariantCulture);
            _cachedMinute = minute;
        }
        _minutePrefix.CopyTo(destination);
        destination[17] = (byte)('0' + second / 10);
        destination[18] = (byte)('0' + second % 10);
        return 19;
    }

    /// <summary>Writes a zip code as five digits with leading zeros (more digits if it has them).</summary>
    public static int FormatZip(Span<byte> destination, int zip)
    {
        Utf8Formatter.TryFormat(zip, destination, out var w, new StandardFormat('D', 5));
        return w;
    }
}
