using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Results;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Results as Elasticsearch documents: one per result key, under an id derived from the key,
/// with the field names of the export format. Writing them again replaces them (an upsert of
/// the whole value), which is what makes a replay harmless.
/// </summary>
public static class ResultDocuments
{
    public static IEnumerable<(string Index, List<BulkDocument> Documents)> All(AnalyticsResults results, PlaystreamIndices indices)
    {
        yield return (indices.Activity, results.Activity.Select(w => Doc(IsoTime.Format(w.WindowStart), j =>
        {
            j.WriteString("window_start", IsoTime.Format(w.WindowStart));
            j.WriteString("window_end", IsoTime.Format(w.WindowEnd));
            j.WriteNumber("plays", w.Plays);
            j.WriteNumber("listeners", w.Listeners);
            j.WriteNumber("mobile_plays", w.MobilePlays);
        })).ToList());
        yield return (indices.TopTracks, results.TopTracks.Select(w => Doc($"{IsoTime.Format(w.WindowStart)}_{w.Gender}", j =>
        {
            j.WriteString("window_start", IsoTime.Format(w.WindowStart));
            j.WriteString("window_end", IsoTime.Format(w.WindowEnd));
            j.WriteString("gender", w.Gender);
            j.WriteStartArray("tracks");
            foreach (var t in w.Tracks)
            {
                j.WriteStartObject();
                j.WriteNumber("track_id", t.TrackId);
                j.WriteNumber("plays", t.Plays);
                j.WriteEndObject();
            }
            j.WriteEndArray();
        })).ToList());
        yield return (indices.Profiles, results.Profiles.Select(p => Doc(p.CustomerId.ToString(CultureInfo.InvariantCulture), j =>
        {
            j.WriteNumber("customer_id", p.CustomerId);
            j.WriteNumber("plays", p.Plays);
            j.WriteNumber("morning", p.Morning);
            j.WriteNumber("afternoon", p.Afternoon);
            j.WriteNumber("evening", p.Evening);
            j.WriteNumber("night", p.Night);
            j.WriteNumber("mobile_plays", p.MobilePlays);
            j.WriteNumber("unique_tracks", p.UniqueTracks);
        })).ToList());
        var s = results.ProfileSummary;
        yield return (indices.ProfileSummary, [Doc("all", j =>
        {
            j.WriteNumber("customers", s.Customers);
            j.WriteNumber("morning", s.Morning);
            j.WriteNumber("afternoon", s.Afternoon);
            j.WriteNumber("evening", s.Evening);
            j.WriteNumber("night", s.Night);
            j.WriteNumber("mobile", s.Mobile);
            j.WriteNumber("unique", s.Unique);
        })]);
        yield return (indices.UniqueTracks, results.UniqueTracks.Select(u => Doc(u.Scope, j =>
        {
            j.WriteString("scope", u.Scope);
            j.WriteNumber("count", u.Count);
            j.WriteStartArray("track_ids");
            foreach (var id in u.TrackIds)
                j.WriteNumberValue(id);
            j.WriteEndArray();
        })).ToList());
        yield return (indices.Interests, results.Interests.Select(i => Doc($"{i.CustomerId}_{i.TrackId}", j =>
        {
            j.WriteNumber("customer_id", i.CustomerId);
            j.WriteNumber("track_id", i.TrackId);
            j.WriteString("detected_at", IsoTime.Format(i.DetectedAt));
        })).ToList());
        var sum = results.Summary;
        yield return (indices.Summary, [Doc("all", j =>
        {
            j.WriteNumber("events", sum.Events);
            j.WriteNumber("dead_letters", sum.DeadLetters);
            j.WriteNumber("unknown_customers", sum.UnknownCustomers);
            j.WriteNumber("unknown_tracks", sum.UnknownTracks);
            j.WriteStartObject("dead_letters_by_reason");
            foreach (var (reason, count) in sum.DeadLettersByReason)
                j.WriteNumber(reason, count);
            j.WriteEndObject();
        })]);
    }

    private static BulkDocument Doc(string id, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }
        return new BulkDocument(id, buffer.WrittenMemory);
    }
}
