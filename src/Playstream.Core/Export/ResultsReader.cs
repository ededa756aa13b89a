using System.Text.Json;
using Playstream.Core.Results;

namespace Playstream.Core.Export;

/// <summary>
/// Reads a results export back into <see cref="AnalyticsResults"/>, ordering each list by its
/// key (an export's lines may come in any order). Extra fields are ignored; a missing
/// required field is an error naming the file and line.
/// </summary>
public static class ResultsReader
{
    public static AnalyticsResults Read(string directory)
    {
        var activity = ReadLines(directory, ExportFiles.Activity, e => new ActivityWindow(
            Time(e, "window_start"), Time(e, "window_end"), Long(e, "plays"), Long(e, "listeners"), Long(e, "mobile_plays")));
        activity.Sort((a, b) => a.WindowStart.CompareTo(b.WindowStart));

        var topTracks = ReadLines(directory, ExportFiles.TopTracks, e => new TopTracksWindow(
            Time(e, "window_start"), Time(e, "window_end"), String(e, "gender"),
            Required(e, "tracks").EnumerateArray().Select(t => new TrackPlays(Int(t, "track_id"), Long(t, "plays"))).ToArray()));
        topTracks.Sort((a, b) => a.WindowStart != b.WindowStart
            ? a.WindowStart.CompareTo(b.WindowStart)
            : string.CompareOrdinal(a.Gender, b.Gender));

        var profiles = ReadLines(directory, ExportFiles.Profiles, e => new CustomerProfile(
            Int(e, "customer_id"), Long(e, "plays"), Long(e, "morning"), Long(e, "afternoon"), Long(e, "evening"),
            Long(e, "night"), Long(e, "mobile_plays"), Long(e, "unique_tracks")));
        profiles.Sort((a, b) => a.CustomerId.CompareTo(b.CustomerId));

        var summary = ReadSingle(directory, ExportFiles.ProfileSummary, e => new ProfileSummary(
            Long(e, "customers"), Double(e, "morning"), Double(e, "afternoon"), Double(e, "evening"),
            Double(e, "night"), Double(e, "mobile"), Double(e, "unique")));

        var unique = ReadLines(directory, ExportFiles.UniqueTracks, e => new UniqueTracks(
            String(e, "scope"), Required(e, "track_ids").EnumerateArray().Select(id => id.GetInt32()).ToArray()));
        unique.Sort((a, b) => ScopeRank(a.Scope) != ScopeRank(b.Scope)
            ? ScopeRank(a.Scope).CompareTo(ScopeRank(b.Scope))
            : string.CompareOrdinal(a.Scope, b.Scope));

        var interests = ReadLines(directory, ExportFiles.Interests, e => new Interest(
            Int(e, "customer_id"), Int(e, "track_id"), Time(e, "detected_at")));
        interests.Sort((a, b) => a.CustomerId != b.CustomerId ? a.CustomerId.CompareTo(b.CustomerId) : a.TrackId.CompareTo(b.TrackId));

        var run = ReadSingle(directory, ExportFiles.Summary, e => new RunSummary(
            Long(e, "events"), Long(e, "dead_letters"), Long(e, "unknown_customers"), Long(e, "unknown_tracks"),
            ReadByReason(e)));

        return new AnalyticsResults(activity, topTracks, profiles, summary, unique, interests, run);
    }

    private static int ScopeRank(string scope) => scope switch { "all" => 0, "mobile" => 1, _ => 2 };

    private static SortedDictionary<string, long> ReadByReason(JsonElement summary)
    {
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        if (summary.TryGetProperty("dead_letters_by_reason", out var reasons))
            foreach (var reason in reasons.EnumerateObject())
                byReason[reason.Name] = reason.Value.GetInt64();
        return byReason;
    }

    private static List<T> ReadLines<T>(string directory, string file, Func<JsonElement, T> read)
    {
        var path = Path.Combine(directory, file);
        var items = new List<T>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                items.Add(read(document.RootElement));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{file}:{lineNumber}: {e.Message}", e);
            }
        }
        return items;
    }

    private static T ReadSingle<T>(string directory, string file, Func<JsonElement, T> read)
    {
        var path = Path.Combine(directory, file);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return read(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }

    private static JsonElement Required(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"missing field \"{name}\"");

    private static long Long(JsonElement e, string name) => Required(e, name).GetInt64();
    private static int Int(JsonElement e, string name) => Required(e, name).GetInt32();
    private static double Double(JsonElement e, string name) => Required(e, name).GetDouble();
    private static string String(JsonElement e, string name) => Required(e, name).GetString() ?? throw new FormatException($"field \"{name}\" is null");
    private static long Time(JsonElement e, string name) => IsoTime.Parse(String(e, name));
}
