using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Results as Elasticsearch documents: one per result key, under an id derived from the key,
/// with the export format's fields (written by <see cref="ResultJson"/>). Writing them again
/// replaces them (an upsert of the whole value), which is what makes a replay harmless.
/// <para>
/// Every document carries an external version (<see cref="ResultVersions"/>: a window's plays,
/// a profile's plays, an interest's earliness, the summary's records), so that of two writes the
/// newer value wins whichever lands last: a write from a member that has since lost its
/// partitions, or one overtaken by a later one, never puts an older value back, and a window
/// whose detail was evicted keeps its final value.
/// </para>
/// </summary>
public static class ResultDocuments
{
    public static IEnumerable<(string Index, List<BulkDocument> Documents)> All(ResultChanges changes, PlaystreamIndices indices)
    {
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(indices);
        yield return (indices.Activity, Docs(changes.Activity, w => IsoTime.Format(w.WindowStart), ResultJson.WriteActivity, ResultVersions.Of));
        yield return (indices.TopTracks, Docs(changes.TopTracks, w => $"{IsoTime.Format(w.Window.WindowStart)}_{w.Window.Gender}",
            (json, w) => ResultJson.WriteTopTracks(json, w.Window), w => ResultVersions.OfTopTracks(w.Plays)));
        yield return (indices.Profiles, Docs(changes.Profiles, p => p.CustomerId.ToString(CultureInfo.InvariantCulture), ResultJson.WriteProfiles, ResultVersions.Of));
        if (changes.ProfileSummary is { } profileSummary)
            yield return (indices.ProfileSummary, Docs([profileSummary], _ => "all", ResultJson.WriteProfileSummary, _ => changes.ProfileSummaryVersion));
        if (changes.UniqueTracks is { } unique)
            yield return (indices.UniqueTracks, Docs(unique, u => u.Scope, ResultJson.WriteUniqueTracks, _ => ResultVersions.Of(unique)));
        yield return (indices.Interests, Docs(changes.Interests, i => $"{i.CustomerId}_{i.TrackId}", ResultJson.WriteInterests, ResultVersions.Of));
        if (changes.Summary is { } summary)
            yield return (indices.Summary, Docs([summary], _ => "all", ResultJson.WriteSummary, ResultVersions.Of));
    }

    /// <summary>
    /// The dashboard's breakdowns: one document per pane with its counts by dimension and key (a
    /// pane has about ten; a document each made a stream of three months a quarter of a million
    /// documents), and one per zip. A pane's version is its plays (the gender counts cover every play).
    /// </summary>
    public static IEnumerable<(string Index, List<BulkDocument> Documents)> Breakdowns(BreakdownResults breakdowns, PlaystreamIndices indices)
    {
        ArgumentNullException.ThrowIfNull(breakdowns);
        var panes = breakdowns.Panes.GroupBy(p => (p.PaneStart, p.PaneEnd)).ToList();
        yield return (indices.PanePlays, Docs(panes, p => IsoTime.Format(p.Key.PaneStart), static (json, pane) =>
        {
            json.WriteString("pane_start", IsoTime.Format(pane.Key.PaneStart));
            json.WriteString("pane_end", IsoTime.Format(pane.Key.PaneEnd));
            json.WriteNumber("plays", PlaysOf(pane));
            json.WriteStartArray("counts");
            foreach (var count in pane)
            {
                json.WriteStartObject();
                json.WriteString("dimension", count.Dimension);
                json.WriteString("key", count.Key);
                json.WriteNumber("plays", count.Plays);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }, PlaysOf));
        yield return (indices.ZipPlays, Docs(breakdowns.Zips, z => z.Zip, static (json, z) =>
        {
            json.WriteString("zip", z.Zip);
            json.WriteNumber("plays", z.Plays);
        }));
    }

    private static long PlaysOf(IGrouping<(long, long), PanePlays> pane) => pane.Where(c => c.Dimension == "gender").Sum(c => c.Plays);

    private static List<BulkDocument> Docs<T>(IEnumerable<T> items, Func<T, string> id, Action<Utf8JsonWriter, T> writeFields, Func<T, long>? version = null) =>
        items.Select(item =>
        {
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                writeFields(json, item);
                json.WriteEndObject();
            }
            return new BulkDocument(id(item), buffer.WrittenMemory, version?.Invoke(item));
        }).ToList();
}
