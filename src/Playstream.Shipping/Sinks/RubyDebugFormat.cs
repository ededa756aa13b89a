using System.Globalization;
using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Consuming;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// A line shown as the event it would become, in the layout of Logstash's <c>rubydebug</c> codec:
/// one <c>"name" => value</c> per line, names right-aligned, with the Kafka key it would be sent
/// under. A line the processor would reject shows its dead-letter reason instead of fields.
/// </summary>
public static class RubyDebugFormat
{
    public static string Format(ReadOnlySpan<byte> line, string path, ulong sourceId, long offset)
    {
        ArgumentNullException.ThrowIfNull(path);
        Span<byte> key = stackalloc byte[ShippedLineKey.MaxLength];
        var keyLength = ShippedLineKey.Write(key, CustomerKeys.Digits(line), ShippedLineKey.SourcePart(sourceId), offset);
        var fields = new List<(string Name, string Value)>
        {
            ("message", Quote(Encoding.UTF8.GetString(line))),
            ("path", Quote(path)),
            ("offset", offset.ToString(CultureInfo.InvariantCulture)),
            ("key", Quote(Encoding.ASCII.GetString(key[..keyLength]))),
        };
        if (EventParser.TryParse(line, out var play, out var zip, out var reason))
        {
            fields.Add(("event_id", play.EventId.ToString(CultureInfo.InvariantCulture)));
            fields.Add(("customer_id", play.CustomerId.ToString(CultureInfo.InvariantCulture)));
            fields.Add(("track_id", play.TrackId.ToString(CultureInfo.InvariantCulture)));
            fields.Add(("datetime", Quote(DateTimeOffset.FromUnixTimeSeconds(play.Time).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))));
            fields.Add(("ismobile", play.IsMobile ? "1" : "0"));
            fields.Add(("listening_zip_code", Quote(EventParser.DecodeZip(line, zip))));
        }
        else
        {
            fields.Add(("dead_letter", Quote(reason.Name())));
        }
        var width = fields.Max(f => f.Name.Length) + 2;
        var text = new StringBuilder("{\n");
        foreach (var (name, value) in fields)
            text.Append(' ', 4 + width - name.Length - 2).Append('"').Append(name).Append("\" => ").Append(value).Append('\n');
        return text.Append("}\n").ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
