using System.Globalization;
using System.Text.Json;
using Playstream.Core.Results;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// The result records as Redis hash fields and back. Field names are those of the results
/// export (ANALYTICS.md); numbers are written in the invariant culture, doubles round-trippable.
/// </summary>
public static class ResultHashes
{
    public const string DeadLettersByReasonPrefix = "dead_letters:";

    public static HashEntry[] ProfileEntries(CustomerProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return
        [
            new("customer_id", p.CustomerId),
            new("plays", p.Plays),
            new("morning", p.Morning),
            new("afternoon", p.Afternoon),
            new("evening", p.Evening),
            new("night", p.Night),
            new("mobile_plays", p.MobilePlays),
            new("unique_tracks", p.UniqueTracks),
        ];
    }

    public static CustomerProfile? Profile(int customerId, HashEntry[] entries)
    {
        var f = Fields(entries);
        if (f.Count == 0)
            return null;
        return new CustomerProfile(
            customerId, Long(f, "plays"), Long(f, "morning"), Long(f, "afternoon"), Long(f, "evening"),
            Long(f, "night"), Long(f, "mobile_plays"), Long(f, "unique_tracks"));
    }

    public static HashEntry[] ProfileSummaryEntries(ProfileSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return
        [
            new("customers", s.Customers),
            new("morning", Number(s.Morning)),
            new("afternoon", Number(s.Afternoon)),
            new("evening", Number(s.Evening)),
            new("night", Number(s.Night)),
            new("mobile", Number(s.Mobile)),
            new("unique", Number(s.Unique)),
        ];
    }

    public static ProfileSummary? ProfileSummary(HashEntry[] entries)
    {
        var f = Fields(entries);
        if (f.Count == 0)
            return null;
        return new ProfileSummary(
            Long(f, "customers"), Double(f, "morning"), Double(f, "afternoon"), Double(f, "evening"),
            Double(f, "night"), Double(f, "mobile"), Double(f, "unique"));
    }

    public static HashEntry[] SummaryEntries(RunSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var entries = new List<HashEntry>
        {
            new("events", s.Events),
            new("dead_letters", s.DeadLetters),
            new("unknown_customers", s.UnknownCustomers),
            new("unknown_tracks", s.UnknownTracks),
        };
        foreach (var (reason, count) in s.DeadLettersByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
            entries.Add(new HashEntry(DeadLettersByReasonPrefix + reason, count));
        return [.. entries];
    }

    public static RunSummary? Summary(HashEntry[] entries)
    {
        var f = Fields(entries);
        if (f.Count == 0)
            return null;
        var byReason = f.Where(kv => kv.Key.StartsWith(DeadLettersByReasonPrefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[DeadLettersByReasonPrefix.Length..], kv => ParseLong(kv.Value), StringComparer.Ordinal);
        return new RunSummary(Long(f, "events"), Long(f, "dead_letters"), Long(f, "unknown_customers"), Long(f, "unknown_tracks"), byReason);
    }

    /// <summary>The ranked tracks as JSON: <c>[{"track_id":7,"plays":3},...]</c>, rank order kept.</summary>
    public static string TracksJson(IReadOnlyList<TrackPlays> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var t in tracks)
            {
                json.WriteStartObject();
                json.WriteNumber("track_id", t.TrackId);
                json.WriteNumber("plays", t.Plays);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads <see cref="TracksJson"/>; throws <see cref="JsonException"/> on anything else.</summary>
    public static IReadOnlyList<TrackPlays> Tracks(string json)
    {
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new JsonException("top tracks: expected a JSON array");
        return doc.RootElement.EnumerateArray()
            .Select(t => new TrackPlays(t.GetProperty("track_id").GetInt32(), t.GetProperty("plays").GetInt64()))
            .ToList();
    }

    public static TopTracksWindow? TopTracks(HashEntry[] entries)
    {
        var f = Fields(entries);
        if (f.Count == 0)
            return null;
        return new TopTracksWindow(
            Long(f, "window_start"), Long(f, "window_end"), f.GetValueOrDefault("gender", ""),
            Tracks(f.GetValueOrDefault("tracks", "[]")));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(HashEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.ToDictionary(e => (string)e.Name!, e => (string?)e.Value ?? "", StringComparer.Ordinal);
    }

    private static long Long(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var v) ? ParseLong(v) : 0;

    private static long ParseLong(string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static double Double(Dictionary<string, string> f, string name) =>
        f.TryGetValue(name, out var v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;
}
