using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Results as Elasticsearch documents: one per result key, under an id derived from the key,
/// with the export format's fields (written by <see cref="ResultJson"/>). Writing them again
/// replaces them (an upsert of the whole value), which is what makes a replay harmless.
/// </summary>
public static class ResultDocuments
{
    public static IEnumerable<(string Index, List<BulkDocument> Documents)> All(AnalyticsResults results, PlaystreamIndices indices)
    {
        yield return (indices.Activity, Docs(results.Activity, w => IsoTime.Format(w.WindowStart), ResultJson.WriteActivity));
        yield return (indices.TopTracks, Docs(results.TopTracks, w => $"{IsoTime.Format(w.WindowStart)}_{w.Gender}", ResultJson.WriteTopTracks));
        yield return (indices.Profiles, Docs(results.Profiles, p => p.CustomerId.ToString(CultureInfo.InvariantCulture), ResultJson.WriteProfiles));
        yield return (indices.ProfileSummary, Docs([results.ProfileSummary], _ => "all", ResultJson.WriteProfileSummary));
        yield return (indices.UniqueTracks, Docs(results.UniqueTracks, u => u.Scope, ResultJson.WriteUniqueTracks));
        yield return (indices.Interests, Docs(results.Interests, i => $"{i.CustomerId}_{i.TrackId}", ResultJson.WriteInterests));
        yield return (indices.Summary, Docs([results.Summary], _ => "all", ResultJson.WriteSummary));
    }

    /// <summary>The dashboard's breakdowns: one document per (pane, dimension, key) and per zip.</summary>
    public static IEnumerable<(string Index, List<BulkDocument> Documents)> Breakdowns(BreakdownResults breakdowns, PlaystreamIndices indices)
    {
        yield return (indices.PanePlays, Docs(breakdowns.Panes, p => $"{IsoTime.Format(p.PaneStart)}_{p.Dimension}_{p.Key}", static (json, p) =>
        {
            json.WriteString("pane_start", IsoTime.Format(p.PaneStart));
            json.WriteString("pane_end", IsoTime.Format(p.PaneEnd));
            json.WriteString("dimension", p.Dimension);
            json.WriteString("key", p.Key);
            json.WriteNumber("plays", p.Plays);
        }));
        yield return (indices.ZipPlays, Docs(breakdowns.Zips, z => z.Zip, static (json, z) =>
        {
            json.WriteString("zip", z.Zip);
            json.WriteNumber("plays", z.Plays);
        }));
    }

    private static List<BulkDocument> Docs<T>(IEnumerable<T> items, Func<T, string> id, Action<Utf8JsonWriter, T> writeFields) =>
        items.Select(item =>
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                writeFields(json, item);
                json.WriteEndObject();
            }
            return new BulkDocument(id(item), buffer.WrittenMemory);
        }).ToList();
}
