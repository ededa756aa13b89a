using System.Text.Json;
using Playstream.Core.Results;

namespace Playstream.Core.Export;

/// <summary>
/// Writes results to a folder as the contract lists them: one JSON Lines file per analytic
/// (one object per line) plus the two single-object files. Lines come in key order.
/// </summary>
public static class ResultsExporter
{
    public static void Write(AnalyticsResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(directory);
        WriteLines(Path.Combine(directory, ExportFiles.Activity), results.Activity, static (json, w) =>
        {
            json.WriteString("window_start", IsoTime.Format(w.WindowStart));
            json.WriteString("window_end", IsoTime.Format(w.WindowEnd));
            json.WriteNumber("plays", w.Plays);
            json.WriteNumber("listeners", w.Listeners);
            json.WriteNumber("mobile_plays", w.MobilePlays);
        });
        WriteLines(Path.Combine(directory, ExportFiles.TopTracks), results.TopTracks, static (json, w) =>
        {
            json.WriteString("window_start", IsoTime.Format(w.WindowStart));
            json.WriteString("window_end", IsoTime.Format(w.WindowEnd));
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
        });
        WriteLines(Path.Combine(directory, ExportFiles.Profiles), results.Profiles, static (json, p) =>
        {
            json.WriteNumber("customer_id", p.CustomerId);
            json.WriteNumber("plays", p.Plays);
            json.WriteNumber("morning", p.Morning);
            json.WriteNumber("afternoon", p.Afternoon);
            json.WriteNumber("evening", p.Evening);
            json.WriteNumber("night", p.Night);
            json.WriteNumber("mobile_plays", p.MobilePlays);
            json.WriteNumber("unique_tracks", p.UniqueTracks);
        });
        WriteLines(Path.Combine(directory, ExportFiles.ProfileSummary), [results.ProfileSummary], static (json, s) =>
        {
            json.WriteNumber("customers", s.Customers);
            json.WriteNumber("morning", s.Morning);
            json.WriteNumber("afternoon", s.Afternoon);
            json.WriteNumber("evening", s.Evening);
            json.WriteNumber("night", s.Night);
            json.WriteNumber("mobile", s.Mobile);
            json.WriteNumber("unique", s.Unique);
        });
        WriteLines(Path.Combine(directory, ExportFiles.UniqueTracks), results.UniqueTracks, static (json, u) =>
        {
            json.WriteString("scope", u.Scope);
            json.WriteNumber("count", u.Count);
            json.WriteStartArray("track_ids");
            foreach (var id in u.TrackIds)
                json.WriteNumberValue(id);
            json.WriteEndArray();
        });
        WriteLines(Path.Combine(directory, ExportFiles.Interests), results.Interests, static (json, i) =>
        {
            json.WriteNumber("customer_id", i.CustomerId);
            json.WriteNumber("track_id", i.TrackId);
            json.WriteString("detected_at", IsoTime.Format(i.DetectedAt));
        });
        WriteLines(Path.Combine(directory, ExportFiles.Summary), [results.Summary], static (json, s) =>
        {
            json.WriteNumber("events", s.Events);
            json.WriteNumber("dead_letters", s.DeadLetters);
            json.WriteNumber("unknown_customers", s.UnknownCustomers);
            json.WriteNumber("unknown_tracks", s.UnknownTracks);
            json.WriteStartObject("dead_letters_by_reason");
            foreach (var (reason, count) in s.DeadLettersByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                json.WriteNumber(reason, count);
            json.WriteEndObject();
        });
    }

    /// <summary>Writes each item as one JSON object on its own line (a single-object file is one such line).</summary>
    private static void WriteLines<T>(string path, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using var json = new Utf8JsonWriter(stream);
        foreach (var item in items)
        {
            json.WriteStartObject();
            writeFields(json, item);
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
            // A writer holds one top-level value; reset it for the next line.
            json.Reset(stream);
        }
    }
}
