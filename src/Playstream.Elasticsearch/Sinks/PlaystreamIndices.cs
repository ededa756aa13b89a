using Playstream.Elasticsearch.Mapping;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// The indices Playstream writes, named from one prefix (default <c>playstream</c>), with their
/// mappings: ids, codes and names are exact-match keywords, never analysed text.
/// </summary>
public sealed class PlaystreamIndices(string prefix = "playstream")
{
    public string Plays => $"{prefix}-plays";
    public string Activity => $"{prefix}-activity";
    public string TopTracks => $"{prefix}-top-tracks";
    public string Profiles => $"{prefix}-profiles";
    public string ProfileSummary => $"{prefix}-profile-summary";
    public string UniqueTracks => $"{prefix}-unique-tracks";
    public string Interests => $"{prefix}-interests";
    public string Summary => $"{prefix}-summary";
    /// <summary>Plays per activity pane by gender, level and age band: what the dashboard draws, not part of the export.</summary>
    public string PanePlays => $"{prefix}-pane-plays";
    public string ZipPlays => $"{prefix}-zip-plays";
    /// <summary>One document saying when the pipeline last wrote its results (the dashboard's change signal).</summary>
    public string Status => $"{prefix}-status";

    /// <summary>
    /// The result indices, each with one shard: they hold a few thousand small documents, and on
    /// a server of before 7 the default of five shards per index multiplies open files for nothing.
    /// </summary>
    public IEnumerable<(string Index, IndexMapping Mapping)> ResultIndices()
    {
        yield return (Activity, new IndexMapping { Shards = 1 }.Add("window_start", FieldType.Date).Add("window_end", FieldType.Date)
            .Add("plays", FieldType.Long).Add("listeners", FieldType.Long).Add("mobile_plays", FieldType.Long));
        yield return (TopTracks, new IndexMapping { Shards = 1 }.Add("window_start", FieldType.Date).Add("window_end", FieldType.Date)
            .Add("gender", FieldType.Keyword).Add("tracks.track_id", FieldType.Long).Add("tracks.plays", FieldType.Long));
        yield return (Profiles, new IndexMapping { Shards = 1 }.Add("customer_id", FieldType.Long).Add("plays", FieldType.Long)
            .Add("morning", FieldType.Long).Add("afternoon", FieldType.Long).Add("evening", FieldType.Long)
            .Add("night", FieldType.Long).Add("mobile_plays", FieldType.Long).Add("unique_tracks", FieldType.Long));
        yield return (ProfileSummary, new IndexMapping { Shards = 1 }.Add("customers", FieldType.Long).Add("morning", FieldType.Double)
            .Add("afternoon", FieldType.Double).Add("evening", FieldType.Double).Add("night", FieldType.Double)
            .Add("mobile", FieldType.Double).Add("unique", FieldType.Double));
        yield return (UniqueTracks, new IndexMapping { Shards = 1 }.Add("scope", FieldType.Keyword).Add("count", FieldType.Long).Add("track_ids", FieldType.Long));
        yield return (Interests, new IndexMapping { Shards = 1 }.Add("customer_id", FieldType.Long).Add("track_id", FieldType.Long).Add("detected_at", FieldType.Date));
        yield return (Summary, new IndexMapping { Shards = 1 }.Add("events", FieldType.Long).Add("dead_letters", FieldType.Long)
            .Add("unknown_customers", FieldType.Long).Add("unknown_tracks", FieldType.Long));
        yield return (PanePlays, new IndexMapping { Shards = 1 }.Add("pane_start", FieldType.Date).Add("pane_end", FieldType.Date).Add("plays", FieldType.Long)
            .Add("counts.dimension", FieldType.Keyword).Add("counts.key", FieldType.Keyword).Add("counts.plays", FieldType.Long));
        yield return (ZipPlays, new IndexMapping { Shards = 1 }.Add("zip", FieldType.Keyword).Add("plays", FieldType.Long));
        yield return (Status, new IndexMapping { Shards = 1 }.Add("written_at", FieldType.Date).Add("events", FieldType.Long).Add("writes", FieldType.Long));
    }

    public static IndexMapping PlaysMapping() => new IndexMapping()
        .Add("@timestamp", FieldType.Date).Add("ingest_time", FieldType.Date)
        .Add("event_id", FieldType.Long).Add("customer_id", FieldType.Long).Add("track_id", FieldType.Long)
        .Add("ismobile", FieldType.Boolean).Add("listening_zip_code", FieldType.Keyword)
        .Add("source", FieldType.Keyword).Add("position", FieldType.Long)
        .Add("customer.name", FieldType.Keyword).Add("customer.gender", FieldType.Keyword).Add("customer.level", FieldType.Keyword)
        .Add("customer.zip", FieldType.Keyword).Add("customer.status", FieldType.Keyword).Add("customer.age", FieldType.Keyword)
        .Add("track.title", FieldType.Keyword).Add("track.artist", FieldType.Keyword).Add("track.length", FieldType.Long);
}
