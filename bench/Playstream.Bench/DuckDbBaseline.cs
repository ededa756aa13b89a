using System.Data.Common;
using DuckDB.NET.Data;
using Playstream.Core.Engine;
using Playstream.Core.Export;
using Playstream.Core.Results;

namespace Playstream.Bench;

/// <summary>
/// The yardstick of the embedded benchmark: the same job as <c>run --no-plays --export</c>, in the
/// same shape (one process reads the event, customer and track files, computes every analytic,
/// writes the export), done by DuckDB SQL (<see cref="DuckDbBaselineSql"/>) in an in-memory
/// database using every core. Its export equals the engine's (a test checks it against the
/// brute-force reference), so the time between the two is the price of the same answer.
/// </summary>
public static class DuckDbBaseline
{
    /// <summary>Computes the results with DuckDB and writes them as an export; returns them.</summary>
    public static AnalyticsResults Run(string events, string? customers, string? tracks, string exportDirectory, AnalyticsSettings? settings = null)
    {
        settings ??= AnalyticsSettings.Default;
        settings.Validate();
        if (settings.ActivityWindowSeconds % settings.ActivitySlideSeconds != 0 || settings.TopTracksWindowSeconds % settings.TopTracksSlideSeconds != 0)
            throw new SettingsException("the DuckDB baseline needs window sizes that are whole multiples of their slides");
        if (!File.Exists(events))
            throw new FileNotFoundException($"events file '{events}' does not exist", events);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var work = new TempLookups(customers, tracks);
        Execute(connection, DuckDbBaselineSql.Load(events, work.Customers, work.Tracks));
        Execute(connection, DuckDbBaselineSql.Profiles);

        var activity = Rows(connection, DuckDbBaselineSql.Activity(settings),
            r => new ActivityWindow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));
        var topTracks = TopTracks(connection, settings);
        var profiles = Rows(connection, DuckDbBaselineSql.ProfileRows, r => new CustomerProfile(
            r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)));
        var summary = Rows(connection, DuckDbBaselineSql.ProfileSummary, r => r.GetInt64(0) == 0
            ? new ProfileSummary(0, 0, 0, 0, 0, 0, 0)
            : new ProfileSummary(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6)))[0];
        var unique = Rows(connection, DuckDbBaselineSql.UniqueTracks, r => new UniqueTracks(
            r.GetString(0), r.IsDBNull(1) ? [] : ((IEnumerable<int>)r.GetValue(1)).ToList()));
        var interests = Rows(connection, DuckDbBaselineSql.Interests(settings),
            r => new Interest(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2)));
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, count) in Rows(connection, DuckDbBaselineSql.DeadLetters, r => (r.GetString(0), r.GetInt64(1))))
            byReason[reason] = count;
        var run = Rows(connection, DuckDbBaselineSql.Summary,
            r => new RunSummary(r.GetInt64(0), byReason.Values.Sum(), r.GetInt64(1), r.GetInt64(2), byReason))[0];

        var results = new AnalyticsResults(activity, topTracks, profiles, summary, unique, interests, run);
        ResultsExporter.Write(results, exportDirectory);
        return results;
    }

    private static List<TopTracksWindow> TopTracks(DuckDBConnection connection, AnalyticsSettings settings)
    {
        var windows = new List<TopTracksWindow>();
        var tracks = new List<TrackPlays>();
        (long Start, long End, string Gender)? current = null;
        foreach (var (start, end, gender, track) in Rows(connection, DuckDbBaselineSql.TopTracks(settings),
                     r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2), new TrackPlays(r.GetInt32(4), r.GetInt64(5)))))
        {
            if (current is { } c && (c.Start != start || c.Gender != gender))
            {
                windows.Add(new TopTracksWindow(c.Start, c.End, c.Gender, tracks.ToArray()));
                tracks.Clear();
            }
            current = (start, end, gender);
            tracks.Add(track);
        }
        if (current is { } last)
            windows.Add(new TopTracksWindow(last.Start, last.End, last.Gender, tracks.ToArray()));
        // The contract's order: by window start, then gender code in ordinal order (SQL's collation may differ).
        windows.Sort((a, b) => a.WindowStart != b.WindowStart ? a.WindowStart.CompareTo(b.WindowStart) : string.CompareOrdinal(a.Gender, b.Gender));
        return windows;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<T> Rows<T>(DuckDBConnection connection, string sql, Func<DbDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>A missing lookup file is an empty one (every play unknown), as for <c>run</c>.</summary>
    private sealed class TempLookups : IDisposable
    {
        private readonly List<string> _made = [];

        public TempLookups(string? customers, string? tracks)
        {
            Customers = customers ?? Make("CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps\n");
            Tracks = tracks ?? Make("TrackId,Title,Artist,Length\n");
        }

        public string Customers { get; }
        public string Tracks { get; }

        private string Make(string header)
        {
            var path = Path.Combine(Path.GetTempPath(), $"playstream-baseline-{Guid.NewGuid():N}.csv");
            File.WriteAllText(path, header);
            _made.Add(path);
            return path;
        }

        public void Dispose() => _made.ForEach(File.Delete);
    }
}
