using System.Text.Json;
using Playstream.Core.Results;

namespace Playstream.Core.Export;

/// <summary>
/// The fields of each result as JSON, with the export format's names. The one place that
/// shape is written: the export files and every store that keeps results as JSON documents
/// use it, so a stack's results read back exactly like an embedded export.
/// </summary>
public static class ResultJson
{
    public static void WriteActivity(Utf8JsonWriter json, ActivityWindow w)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(w);
        WriteTime(json, "window_start", w.WindowStart);
        WriteTime(json, "window_end", w.WindowEnd);
        json.WriteNumber("plays", w.Plays);
        json.WriteNumber("listeners", w.Listeners);
        json.WriteNumber("mobile_plays", w.MobilePlays);
    }

    public static void WriteTopTracks(Utf8JsonWriter json, TopTracksWindow w)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(w);
        WriteTime(json, "window_start", w.WindowStart);
        WriteTime(json, "window_end", w.WindowEnd);
        json.WriteString("gender", w.Gender);
        json.WriteStartArray("tracks");
        foreach (var track in w.Tracks)
        {
            json.WriteStartObject();
            json.WriteNumber("track_id", track.TrackId);
            json.WriteNumber("plays", track.Plays);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteProfiles(Utf8JsonWriter json, CustomerProfile p)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(p);
        json.WriteNumber("customer_id", p.CustomerId);
        json.WriteNumber("plays", p.Plays);
        json.WriteNumber("morning", p.Morning);
        json.WriteNumber("afternoon", p.Afternoon);
        json.WriteNumber("evening", p.Evening);
        json.WriteNumber("night", p.Night);
        json.WriteNumber("mobile_plays", p.MobilePlays);
        json.WriteNumber("unique_tracks", p.UniqueTracks);
    }

    public static void WriteProfileSummary(Utf8JsonWriter json, ProfileSummary s)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(s);
        json.WriteNumber("customers", s.Customers);
        json.WriteNumber("morning", s.Morning);
        json.WriteNumber("afternoon", s.Afternoon);
        json.WriteNumber("evening", s.Evening);
        json.WriteNumber("night", s.Night);
        json.WriteNumber("mobile", s.Mobile);
        json.WriteNumber("unique", s.Unique);
    }

    public static void WriteUniqueTracks(Utf8JsonWriter json, UniqueTracks u)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(u);
        json.WriteString("scope", u.Scope);
        json.WriteNumber("count", u.Count);
        json.WriteStartArray("track_ids");
        foreach (var id in u.TrackIds)
            json.WriteNumberValue(id);
        json.WriteEndArray();
    }

    public static void WriteInterests(Utf8JsonWriter json, Interest i)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(i);
        json.WriteNumber("customer_id", i.CustomerId);
        json.WriteNumber("track_id", i.TrackId);
        WriteTime(json, "detected_at", i.DetectedAt);
    }

    public static void WriteSummary(Utf8JsonWriter json, RunSummary s)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(s);
        json.WriteNumber("events", s.Events);
        json.WriteNumber("dead_letters", s.DeadLetters);
        json.WriteNumber("unknown_customers", s.UnknownCustomers);
        json.WriteNumber("unknown_tracks", s.UnknownTracks);
        json.WriteStartObject("dead_letters_by_reason");
        foreach (var (reason, count) in s.DeadLettersByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            json.WriteNumber(reason, count);
        json.WriteEndObject();
    }

    /// <summary>A time as its ISO 8601 text, formatted on the stack.</summary>
    private static void WriteTime(Utf8JsonWriter json, string name, long unixSeconds)
    {
        Span<byte> text = stackalloc byte[IsoTime.Utf8Length];
        json.WriteString(name, text[..IsoTime.FormatUtf8(unixSeconds, text)]);
    }
}
