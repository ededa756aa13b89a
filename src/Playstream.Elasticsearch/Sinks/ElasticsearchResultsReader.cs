using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Results;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>Reads results back from their indices, so a run on the stack can be exported and checked like an embedded one.</summary>
public sealed class ElasticsearchResultsReader(ElasticsearchClient client, PlaystreamIndices indices)
{
    /// <summary>
    /// Makes every result written so far searchable. The server does so by itself about once a
    /// second; an export right after a run calls this first, or it may miss the last flush.
    /// </summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(indices.ResultIndices().Select(i => client.RefreshAsync(i.Index, cancellationToken)));

    public async Task<AnalyticsResults> ReadAsync(CancellationToken cancellationToken = default)
    {
        var activity = (await All(indices.Activity, s => new ActivityWindow(
            Time(s, "window_start"), Time(s, "window_end"), s.GetProperty("plays").GetInt64(), s.GetProperty("listeners").GetInt64(), s.GetProperty("mobile_plays").GetInt64()), cancellationToken).ConfigureAwait(false))
            .OrderBy(w => w.WindowStart).ToList();
        var top = (await All(indices.TopTracks, s => new TopTracksWindow(
            Time(s, "window_start"), Time(s, "window_end"), s.GetProperty("gender").GetString()!,
            s.GetProperty("tracks").EnumerateArray().Select(t => new TrackPlays(t.GetProperty("track_id").GetInt32(), t.GetProperty("plays").GetInt64())).ToList()), cancellationToken).ConfigureAwait(false))
            .OrderBy(w => w.WindowStart).ThenBy(w => w.Gender, StringComparer.Ordinal).ToList();
        var profiles = (await All(indices.Profiles, s => new CustomerProfile(
            s.GetProperty("customer_id").GetInt32(), L(s, "plays"), L(s, "morning"), L(s, "afternoon"), L(s, "evening"), L(s, "night"), L(s, "mobile_plays"), L(s, "unique_tracks")), cancellationToken).ConfigureAwait(false))
            .OrderBy(p => p.CustomerId).ToList();
        var summaries = await All(indices.ProfileSummary, s => new ProfileSummary(
            L(s, "customers"), D(s, "morning"), D(s, "afternoon"), D(s, "evening"), D(s, "night"), D(s, "mobile"), D(s, "unique")), cancellationToken).ConfigureAwait(false);
        var unique = (await All(indices.UniqueTracks, s => new UniqueTracks(
            s.GetProperty("scope").GetString()!, s.GetProperty("track_ids").EnumerateArray().Select(e => e.GetInt32()).ToList()), cancellationToken).ConfigureAwait(false))
            .OrderBy(u => u.Scope, StringComparer.Ordinal).ToList();
        var interests = (await All(indices.Interests, s => new Interest(
            s.GetProperty("customer_id").GetInt32(), s.GetProperty("track_id").GetInt32(), Time(s, "detected_at")), cancellationToken).ConfigureAwait(false))
            .OrderBy(i => i.CustomerId).ThenBy(i => i.TrackId).ToList();
        var sums = await All(indices.Summary, s => new RunSummary(
            L(s, "events"), L(s, "dead_letters"), L(s, "unknown_customers"), L(s, "unknown_tracks"),
            s.TryGetProperty("dead_letters_by_reason", out var r) ? r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64()) : []), cancellationToken).ConfigureAwait(false);
        return new AnalyticsResults(activity, top, profiles,
            summaries.Count > 0 ? summaries[0] : new ProfileSummary(0, 0, 0, 0, 0, 0, 0),
            unique, interests,
            sums.Count > 0 ? sums[0] : new RunSummary(0, 0, 0, 0, new Dictionary<string, long>()));
    }

    /// <summary>The dashboard's breakdowns, as the processor wrote them.</summary>
    public async Task<Core.Operators.Breakdowns.BreakdownResults> ReadBreakdownsAsync(CancellationToken cancellationToken = default)
    {
        var panes = (await All(indices.PanePlays, s => s.GetProperty("counts").EnumerateArray().Select(c => new Core.Operators.Breakdowns.PanePlays(
            Time(s, "pane_start"), Time(s, "pane_end"), c.GetProperty("dimension").GetString()!, c.GetProperty("key").GetString()!, L(c, "plays"))).ToList(), cancellationToken).ConfigureAwait(false))
            .SelectMany(p => p)
            .OrderBy(p => p.PaneStart).ThenBy(p => p.Dimension, StringComparer.Ordinal).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
        var zips = (await All(indices.ZipPlays, s => new Core.Operators.Breakdowns.ZipPlays(s.GetProperty("zip").GetString()!, L(s, "plays")), cancellationToken).ConfigureAwait(false))
            .OrderByDescending(z => z.Plays).ThenBy(z => z.Zip, StringComparer.Ordinal).ToList();
        return new Core.Operators.Breakdowns.BreakdownResults(panes, zips);
    }

    /// <summary>The status document's text (when the results were last written), or null before the first write.</summary>
    public async Task<string?> ReadStatusAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var status = await All(indices.Status, s => s.GetRawText(), cancellationToken).ConfigureAwait(false);
            return status.Count == 0 ? null : status[0];
        }
        catch (ElasticsearchException e) when (e.StatusCode == 404)
        {
            return null; // nothing written yet: the index does not exist
        }
    }

    private async Task<List<T>> All<T>(string index, Func<JsonElement, T> map, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        await foreach (var hit in client.SearchAllAsync(index, cancellationToken: cancellationToken).ConfigureAwait(false))
            items.Add(map(hit.Source));
        return items;
    }

    private static long Time(JsonElement e, string name) => IsoTime.Parse(e.GetProperty(name).GetString()!);
    private static long L(JsonElement e, string name) => e.GetProperty(name).GetInt64();
    private static double D(JsonElement e, string name) => e.GetProperty(name).GetDouble();
}
