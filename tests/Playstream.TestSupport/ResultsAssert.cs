using System.Globalization;
using Playstream.Core.Results;

namespace Playstream.TestSupport;

/// <summary>
/// Compares two <see cref="AnalyticsResults"/> field by field, lists in order, doubles to
/// 1e-9, and throws <see cref="ResultsMismatchException"/> naming the first difference
/// (which analytic, which key, which field, both values).
/// </summary>
public static class ResultsAssert
{
    public const double Tolerance = 1e-9;

    public static void Equal(AnalyticsResults expected, AnalyticsResults actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        Lists("activity", expected.Activity, actual.Activity, w => $"window_start {Time(w.WindowStart)}", CompareActivity);
        Lists("top_tracks", expected.TopTracks, actual.TopTracks, w => $"window_start {Time(w.WindowStart)} gender {w.Gender}", CompareTopTracks);
        Lists("profiles", expected.Profiles, actual.Profiles, p => $"customer {p.CustomerId}", CompareProfile);
        CompareSummary(expected.ProfileSummary, actual.ProfileSummary);
        Lists("unique_tracks", expected.UniqueTracks, actual.UniqueTracks, u => $"scope {u.Scope}", CompareUnique);
        Lists("interests", expected.Interests, actual.Interests, i => $"customer {i.CustomerId} track {i.TrackId}", CompareInterest);
        CompareRun(expected.Summary, actual.Summary);
    }

    private static string Time(long unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void Lists<T>(string name, IReadOnlyList<T> expected, IReadOnlyList<T> actual, Func<T, string> key, Action<string, T, T> compare)
    {
        var common = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < common; i++)
        {
            var expectedKey = key(expected[i]);
            var actualKey = key(actual[i]);
            if (expectedKey != actualKey)
                throw new ResultsMismatchException(
                    $"{name}[{i}]: expected {expectedKey}, actual {actualKey} (expected {expected.Count} items, actual {actual.Count})");
            compare($"{name}[{i}] ({expectedKey})", expected[i], actual[i]);
        }
        if (expected.Count != actual.Count)
        {
            var extra = expected.Count > actual.Count
                ? $"first missing: {key(expected[common])}"
                : $"first unexpected: {key(actual[common])}";
            throw new ResultsMismatchException($"{name}: expected {expected.Count} items, actual {actual.Count}; {extra}");
        }
    }

    private static void Field<TValue>(string where, string field, TValue expected, TValue actual)
    {
        if (!EqualityComparer<TValue>.Default.Equals(expected, actual))
            throw new ResultsMismatchException($"{where}: {field} expected {expected}, actual {actual}");
    }

    private static void Near(string where, string field, double expected, double actual)
    {
        if (!(Math.Abs(expected - actual) <= Tolerance))
            throw new ResultsMismatchException(
                $"{where}: {field} expected {expected.ToString("R", CultureInfo.InvariantCulture)}, actual {actual.ToString("R", CultureInfo.InvariantCulture)}");
    }

    private static void CompareActivity(string where, ActivityWindow e, ActivityWindow a)
    {
        Field(where, "window_end", e.WindowEnd, a.WindowEnd);
        Field(where, "plays", e.Plays, a.Plays);
        Field(where, "listeners", e.Listeners, a.Listeners);
        Field(where, "mobile_plays", e.MobilePlays, a.MobilePlays);
    }

    private static void CompareTopTracks(string where, TopTracksWindow e, TopTracksWindow a)
    {
        Field(where, "window_end", e.WindowEnd, a.WindowEnd);
        static string Show(IReadOnlyList<TrackPlays> tracks) => string.Join(", ", tracks.Select(t => $"{t.TrackId}x{t.Plays}"));
        if (!e.Tracks.SequenceEqual(a.Tracks))
            throw new ResultsMismatchException($"{where}: tracks expected [{Show(e.Tracks)}], actual [{Show(a.Tracks)}]");
    }

    private static void CompareProfile(string where, CustomerProfile e, CustomerProfile a)
    {
        Field(where, "plays", e.Plays, a.Plays);
        Field(where, "morning", e.Morning, a.Morning);
        Field(where, "afternoon", e.Afternoon, a.Afternoon);
        Field(where, "evening", e.Evening, a.Evening);
        Field(where, "night", e.Night, a.Night);
        Field(where, "mobile_plays", e.MobilePlays, a.MobilePlays);
        Field(where, "unique_tracks", e.UniqueTracks, a.UniqueTracks);
    }

    private static void CompareSummary(ProfileSummary e, ProfileSummary a)
    {
        const string where = "profile_summary";
        Field(where, "customers", e.Customers, a.Customers);
        Near(where, "morning", e.Morning, a.Morning);
        Near(where, "afternoon", e.Afternoon, a.Afternoon);
        Near(where, "evening", e.Evening, a.Evening);
        Near(where, "night", e.Night, a.Night);
        Near(where, "mobile", e.Mobile, a.Mobile);
        Near(where, "unique", e.Unique, a.Unique);
    }

    private static void CompareUnique(string where, UniqueTracks e, UniqueTracks a)
    {
        Field(where, "count", e.Count, a.Count);
        for (var i = 0; i < e.Count; i++)
            if (e.TrackIds[i] != a.TrackIds[i])
                throw new ResultsMismatchException($"{where}: track_ids[{i}] expected {e.TrackIds[i]}, actual {a.TrackIds[i]}");
    }

    private static void CompareInterest(string where, Interest e, Interest a) =>
        Field(where, "detected_at", Time(e.DetectedAt), Time(a.DetectedAt));

    private static void CompareRun(RunSummary e, RunSummary a)
    {
        const string where = "summary";
        Field(where, "events", e.Events, a.Events);
        Field(where, "dead_letters", e.DeadLetters, a.DeadLetters);
        Field(where, "unknown_customers", e.UnknownCustomers, a.UnknownCustomers);
        Field(where, "unknown_tracks", e.UnknownTracks, a.UnknownTracks);
        static string Show(IReadOnlyDictionary<string, long> byReason) =>
            string.Join(", ", byReason.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        if (Show(e.DeadLettersByReason) != Show(a.DeadLettersByReason))
            throw new ResultsMismatchException(
                $"{where}: dead_letters_by_reason expected {{{Show(e.DeadLettersByReason)}}}, actual {{{Show(a.DeadLettersByReason)}}}");
    }
}
