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
/// <para>
/// Windows and interests carry an external version, so that of two writers the more complete
/// value wins whichever lands last: a window by the plays it counts (a view holding more of the
/// window's plays counts more), an interest by how early it was detected (a detection is never
/// earlier than the true one). This is what lets an endless stream evict the detail of final
/// windows: a writer whose view lacks it can no longer overwrite their stored results.
/// </para>
/// </summary>
public static class ResultDocuments
{
    public static IEnumerable<(string Index, List<BulkDocument> Documents)> All(AnalyticsResults results, PlaystreamIndices indices)
    {
        yield return (indices.Activity, Docs(results.Activity, w => IsoTime.Format(w.WindowStart), ResultJson.WriteActivity, w => w.Plays));
        yield return (indices.TopTracks, Docs(results.TopTracks, w => $"{IsoTime.Format(w.WindowStart)}_{w.Gender}", ResultJson.WriteTopTracks, TopTracksVersion));
        yield return (indices.Profiles, Docs(results.Profiles, p => p.CustomerId.ToString(CultureInfo.InvariantCulture), ResultJson.WriteProfiles));
        yield return (indices.ProfileSummary, Docs([results.ProfileSummary], _ => "all", ResultJson.WriteProfileSummary));
        yield return (indices.UniqueTracks, Docs(results.UniqueTracks, u => u.Scope, ResultJson.WriteUniqueTracks));
        yield return (indices.Interests, Docs(results.Interests, i => $"{i.CustomerId}_{i.TrackId}", ResultJson.WriteInterests, InterestVersion));
        yield return (indices.Summary, Docs([results.Summary], _ => "all", ResultJson.WriteSummary));
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

    /// <summary>
    /// The plays of the listed tracks: with more of the window's plays each track counts at least as
    /// many, so the sum of the top N never falls.
    /// </summary>
    public static long TopTracksVersion(TopTracksWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Tracks.Sum(t => t.Plays);
    }

    /// <summary>Earlier detections get higher versions; event times stay far below 2^40 s either side of 1970.</summary>
    public static long InterestVersion(Interest interest)
    {
        ArgumentNullException.ThrowIfNull(interest);
        return (1L << 40) - interest.DetectedAt;
    }

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
