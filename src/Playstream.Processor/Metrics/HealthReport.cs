using System.Text.Json;

namespace Playstream.Processor.Metrics;

/// <summary>
/// What <c>/health</c> answers: <c>assigned</c> (partitions held) or <c>waiting</c> (in the
/// group, nothing assigned yet, or waiting for a server) are healthy; <c>failed</c> means a
/// sink failed in a way no retry mends, and the instance is about to exit.
/// </summary>
public sealed record HealthReport(string Status, int Partitions, DateTimeOffset? LastFlush, string? Reason = null)
{
    public const string Assigned = "assigned";
    public const string Waiting = "waiting";
    public const string Failed = "failed";

    public int HttpStatus => Status == Failed ? 503 : 200;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", Status);
            json.WriteNumber("partitions", Partitions);
            if (LastFlush is { } flush)
                json.WriteString("last_flush", flush.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            else
                json.WriteNull("last_flush");
            if (Reason is not null)
                json.WriteString("reason", Reason);
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
