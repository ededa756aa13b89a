using System.Globalization;
using Microsoft.Data.Sqlite;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;

namespace Playstream.Embedded.Store;

/// <summary>
/// The embedded store: one SQLite file holding a run's results, dead letters, the customer
/// and track snapshot it was enriched with, and (optionally) its plays. A run starts it afresh;
/// readers (the dashboard, <c>demo</c>) open it read-only while or after a run writes it.
/// </summary>
public sealed class EmbeddedStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private long _resultsVersion;

    private EmbeddedStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    public string Path { get; }

    internal SqliteConnection Connection => _connection;

    /// <summary>
    /// Creates an empty store at <paramref name="path"/>, replacing any earlier one;
    /// <paramref name="replaced"/> describes the run whose results are being replaced.
    /// </summary>
    public static EmbeddedStore CreateFresh(string path, out StoreRunInfo? replaced)
    {
        var full = System.IO.Path.GetFullPath(path);
        replaced = File.Exists(full) ? StoreReader.TryReadRunInfo(full) : null;
        var directory = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
            Directory.CreateDirectory(directory);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(full + suffix);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        // WAL lets the dashboard read while a run writes; synchronous=OFF because a run that
        // crashes is re-run from its files, so durability of a half-written store buys nothing.
        // Big pages (set before the first table, as a page size is fixed once the file has one)
        // and a big cache make the bulk load of plays write fewer, fuller pages.
        Execute(connection, "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        Execute(connection, StoreSchema.Create);
        var store = new EmbeddedStore(full, connection);
        store.SetMeta("schema_version", StoreSchema.Version.ToString(CultureInfo.InvariantCulture));
        store.SetMeta("started_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        store.SetMeta("state", "running");
        return store;
    }

    public void SetMeta(string key, string value)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO meta(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        command.Parameters.AddWithValue("$k", key);
        command.Parameters.AddWithValue("$v", value);
        command.ExecuteNonQuery();
    }

    /// <summary>Stores the customer and track snapshot the plays were enriched with.</summary>
    public void WriteLookups(LookupTables lookups) => LookupTableWriter.Write(_connection, lookups);

    /// <summary>Starts the background writer for plays and dead letters; dispose it before writing results.</summary>
    public StoreWriter OpenWriter(bool storePlays) => new(_connection, storePlays);

    /// <summary>Writes the final results and marks the run finished.</summary>
    public void WriteResults(AnalyticsResults results, IReadOnlyDictionary<string, string> runMeta) =>
        WriteResults(results, BreakdownResults.Empty, runMeta);

    /// <summary>Writes the final results with the dashboard's breakdowns and marks the run finished.</summary>
    public void WriteResults(AnalyticsResults results, BreakdownResults breakdowns, IReadOnlyDictionary<string, string> runMeta)
    {
        WriteProgress(results, breakdowns, runMeta);
        SetMeta("finished_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        SetMeta("state", "finished");
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>
    /// Replaces the results with those so far while a run goes on (a followed run), leaving the
    /// state <c>running</c>; readers see <c>results_version</c> change and reread.
    /// </summary>
    public void WriteProgress(AnalyticsResults results, BreakdownResults breakdowns, IReadOnlyDictionary<string, string> runMeta)
    {
        ResultsTableWriter.Write(_connection, results);
        BreakdownTableWriter.Write(_connection, breakdowns);
        foreach (var (key, value) in runMeta)
            SetMeta(key, value);
        _resultsVersion++;
        SetMeta("results_version", _resultsVersion.ToString(CultureInfo.InvariantCulture));
        SetMeta("results_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    }

    internal static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
