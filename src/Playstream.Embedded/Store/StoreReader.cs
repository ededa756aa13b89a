using System.Globalization;
using Microsoft.Data.Sqlite;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;

namespace Playstream.Embedded.Store;

/// <summary>Reads a store's results back, read-only, while or after a run writes it.</summary>
public sealed class StoreReader : IDisposable
{
    private readonly SqliteConnection _connection;

    public StoreReader(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"no embedded store at '{path}': run `playstream run` or `playstream demo` first", path);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        _connection.Open();
    }

    public static StoreRunInfo? TryReadRunInfo(string path)
    {
        try
        {
            using var reader = new StoreReader(path);
            return reader.RunInfo();
        }
        catch (SqliteException)
        {
            return null;
        }
    }

    public StoreRunInfo RunInfo()
    {
        var meta = new Dictionary<string, string>();
        foreach (var row in Query("SELECT key, value FROM meta", r => (r.GetString(0), r.GetString(1))))
            meta[row.Item1] = row.Item2;
        return new StoreRunInfo(
            meta.GetValueOrDefault("state", "unknown"),
            ParseTime(meta.GetValueOrDefault("started_at")),
            ParseTime(meta.GetValueOrDefault("finished_at")),
            meta.TryGetValue("events", out var e) && long.TryParse(e, CultureInfo.InvariantCulture, out var events) ? events : null,
            meta);
    }

    public AnalyticsResults ReadResults()
    {
        var activity = Query("SELECT window_start, window_end, plays, listeners, mobile_plays FROM activity ORDER BY window_start",
            r => new ActivityWindow(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4)));

        var topTracks = Query("SELECT window_start, window_end, gender, track_id, plays FROM top_tracks ORDER BY window_start, gender, rank",
                r => (start: r.GetInt64(0), end: r.GetInt64(1), gender: r.GetString(2), track: new TrackPlays(r.GetInt32(3), r.GetInt64(4))))
            .GroupBy(x => (x.start, x.end, x.gender))
            .Select(g => new TopTracksWindow(g.Key.start, g.Key.end, g.Key.gender, g.Select(x => x.track).ToList()))
            .ToList();

        var profiles = Query("SELECT customer_id, plays, morning, afternoon, evening, night, mobile_plays, unique_tracks FROM profiles ORDER BY customer_id",
            r => new CustomerProfile(r.GetInt32(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5), r.GetInt64(6), r.GetInt64(7)));

        var summaryRow = Query("SELECT customers, morning, afternoon, evening, night, mobile, unique_share FROM profile_summary",
            r => new ProfileSummary(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6)));
        var profileSummary = summaryRow.Count > 0 ? summaryRow[0] : new ProfileSummary(0, 0, 0, 0, 0, 0, 0);

        var uniqueRows = Query("SELECT scope, track_id FROM unique_tracks ORDER BY scope, track_id", r => (scope: r.GetString(0), id: r.GetInt32(1)));
        var unique = new[] { "all", "mobile" }
            .Select(scope => new UniqueTracks(scope, uniqueRows.Where(u => u.scope == scope).Select(u => u.id).ToList()))
            .ToList();

        var interests = Query("SELECT customer_id, track_id, detected_at FROM interests ORDER BY customer_id, track_id",
            r => new Interest(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2)));

        var byReason = Query("SELECT reason, count FROM dead_letter_counts ORDER BY reason", r => (r.GetString(0), r.GetInt64(1)))
            .ToDictionary(x => x.Item1, x => x.Item2);
        var sums = Query("SELECT events, dead_letters, unknown_customers, unknown_tracks FROM summary",
            r => new RunSummary(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), byReason));
        var summary = sums.Count > 0 ? sums[0] : new RunSummary(0, 0, 0, 0, byReason);

        return new AnalyticsResults(activity, topTracks, profiles, profileSummary, unique, interests, summary);
    }

    /// <summary>The dashboard's breakdowns; empty for a store written before they existed.</summary>
    public BreakdownResults ReadBreakdowns()
    {
        if (!HasTable("pane_plays"))
            return BreakdownResults.Empty;
        var panes = Query("SELECT pane_start, pane_end, dimension, key, plays FROM pane_plays ORDER BY pane_start, dimension, key",
            r => new PanePlays(r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4)));
        var zips = Query("SELECT zip, plays FROM zip_plays ORDER BY plays DESC, zip", r => new ZipPlays(r.GetString(0), r.GetInt64(1)));
        return new BreakdownResults(panes, zips);
    }

    /// <summary>
    /// The meta key <c>results_version</c>, which a run bumps at every results write (0 before
    /// the first); a cheap question for a reader that rereads only on change.
    /// </summary>
    public long ResultsVersion()
    {
        var rows = Query("SELECT value FROM meta WHERE key = 'results_version'", r => r.GetString(0));
        return rows.Count > 0 && long.TryParse(rows[0], CultureInfo.InvariantCulture, out var version) ? version : 0;
    }

    /// <summary>
    /// Holds one read transaction until disposed, so several reads see the same results even
    /// while a run replaces them (the store is in WAL mode: readers keep their snapshot).
    /// </summary>
    public IDisposable ConsistentRead()
    {
        Execute("BEGIN");
        return new ReadTransaction(this);
    }

    private sealed class ReadTransaction(StoreReader reader) : IDisposable
    {
        public void Dispose() => reader.Execute("COMMIT");
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private bool HasTable(string name) =>
        Query($"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '{name}'", r => r.GetInt64(0))[0] > 0;

    /// <summary>The customer and track snapshot of the run, for titles, artists and names.</summary>
    public LookupTables ReadLookups()
    {
        var customers = new CustomerTable();
        foreach (var c in Query("SELECT customer_id, name, gender, address, zip, sign_date, status, level, campaign, linked_with_apps, age FROM customers",
                     r => new Customer(r.GetInt32(0), Text(r, 1), Text(r, 2), Text(r, 3), Text(r, 4), Text(r, 5), Text(r, 6), Text(r, 7), Text(r, 8), Text(r, 9), r.IsDBNull(10) ? null : r.GetString(10))))
            customers.Set(c);
        var tracks = new TrackTable();
        foreach (var t in Query("SELECT track_id, title, artist, length FROM tracks", r => new Track(r.GetInt32(0), Text(r, 1), Text(r, 2), r.GetInt32(3))))
            tracks.Set(t);
        return new LookupTables(customers, tracks);
    }

    /// <summary>The first <paramref name="limit"/> dead letters, in the order they were found.</summary>
    public IReadOnlyList<DeadLetter> ReadDeadLetters(int limit = 100) =>
        Query($"SELECT reason, source, line, raw, detail FROM dead_letters ORDER BY rowid LIMIT {limit}",
            r => new DeadLetter(ParseReason(r.GetString(0)), new SourcePosition(r.GetString(1), r.GetInt64(2)), r.GetString(3), r.GetString(4)));

    public long CountPlays() => Query("SELECT count(*) FROM plays", r => r.GetInt64(0))[0];

    private static DeadLetterReason ParseReason(string name) =>
        Enum.GetValues<DeadLetterReason>().FirstOrDefault(r => r.Name() == name);

    private static string Text(SqliteDataReader r, int i) => r.IsDBNull(i) ? "" : r.GetString(i);

    private static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t) ? t : null;

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> map)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    public void Dispose() => _connection.Dispose();
}
