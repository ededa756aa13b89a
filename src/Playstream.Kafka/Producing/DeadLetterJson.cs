using System.Text.Json;
using Playstream.Core.Events;

namespace Playstream.Kafka.Producing;

/// <summary>
/// A dead letter as one JSON object: <c>{"reason", "source", "offset" (or "line"), "raw", "detail"}</c>.
/// The reason is its stable snake_case name; the position is a record offset for Kafka sources
/// and a 1-based line number for files.
/// </summary>
public static class DeadLetterJson
{
    public static byte[] Serialize(DeadLetter letter, bool positionIsOffset = true)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reason", letter.Reason.Name());
            json.WriteString("source", letter.Position.Source);
            json.WriteNumber(positionIsOffset ? "offset" : "line", letter.Position.Line);
            json.WriteString("raw", letter.RawText);
            json.WriteString("detail", letter.Detail);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
