using System.Globalization;
using Microsoft.Data.Sqlite;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;

namespace Playstream.Embedded.Store;

/// <summary>
/// The embedded store: one SQLite file holding a run's results, dead letters, the customer
/// and track snapshot it was enriched with, and (optionally) its plays. A run starts it afresh
/// (a followed run may instead resume it, see <see cref="OpenToResume"/>); readers (the
/// dashboard, <c>demo</c>) open it read-only while or after a run writes it.
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

    /// <summary>Names this store from its creation on: a checkpoint records it, so it is never applied to another store at the same path.</summary>
    public string RunId { get; private set; } = "";

    /// <summary>
    /// Creates an empty store at <paramref name="path"/>, replacing any earlier one and the
    /// checkpoints beside it (they describe the store being replaced);
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
        var checkpoints = Checkpoints.FileCheckpointStore.FolderBeside(full);
        if (Directory.Exists(checkpoints))
            Directory.Delete(checkpoints, recursive: true);

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        connection.Open();
        // WAL lets the dashboard read while a run writes; synchronous=OFF because a run that
        // crashes is re-run from its files, so durability of a half-written store buys nothing.
        // Big pages (set before the first table, as a page size is fixed once the file has one)
        // and a big cache make the bulk load of plays write fewer, fuller pages.
        Execute(connection, "PRAGMA page_size=65536; PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
        Execute(connection, StoreSchema.Create);
        var store = new EmbeddedStore(full, connection) { RunId = Guid.NewGuid().ToString("N") };
        store.SetMeta("schema_version", StoreSchema.Version.ToString(CultureInfo.InvariantCulture));
        store.SetMeta("run_id", store.RunId);
        store.SetMeta("started_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        store.SetMeta("state", "running");
        return store;
    }

    /// <summary>
    /// Opens the store a followed run left at <paramref name="path"/> to go on writing it: its
    /// plays, dead letters and results stay, its state is <c>running</c> again and its results
    /// version goes on from where it was (so a dashboard sees the next write as new). Null when
    /// there is no store there, or one this build cannot resume (another schema version, no run id).
    /// </summary>
    public static EmbeddedStore? OpenToResume(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
            return null;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;");
            var store = new EmbeddedStore(full, connection);
            var schema = store.Meta("schema_version");
            var runId = store.Meta("run_id");
            if (schema != StoreSchema.Version.ToString(CultureInfo.InvariantCulture) || string.IsNullOrEmpty(runId))
            {
                connection.Dispose();
                return null;
            }
            store.RunId = runId;
            store._resultsVersion = long.TryParse(store.Meta("results_version"), CultureInfo.InvariantCulture, out var version) ? version : 0;
            store.SetMeta("state", "running");
            store.SetMeta("resumed_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            return store;
        }
        catch (SqliteException)
        {
            // Not a database (or a damaged one): nothing to resume.
            connection.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Every write is on the disk when its commit returns: for a followed run, whose checkpoint
    /// records how many rows the store held and must not outlive them. A batch run is simply
    /// run again after a crash, so it skips this.
    /// </summary>
    public void MakeDurable() => Execute(_connection, "PRAGMA synchronous=FULL;");

    /// <summary>The rows the plays and dead-letter tables hold now; flush the writer first.</summary>
    public StoreRowCounts RowCounts() => new(
        Scalar("SELECT coalesce(max(rowid), 0) FROM plays"),
        Scalar("SELECT coalesce(max(rowid), 0) FROM dead_letters"));

    /// <summary>Deletes the plays and dead letters written after the store held <paramref name="kept"/>; returns how many of each it deleted.</summary>
    public StoreRowCounts TrimAfter(StoreRowCounts kept)
    {
        using var tx = _connection.BeginTransaction();
        var plays = ExecuteCount(tx, $"DELETE FROM plays WHERE rowid > {kept.Plays}");
        var deadLetters = ExecuteCount(tx, $"DELETE FROM dead_letters WHERE rowid > {kept.DeadLetters}");
        tx.Commit();
        return new StoreRowCounts(plays, deadLetters);
    }

    private string? Meta(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $k";
        command.Parameters.AddWithValue("$k", key);
        return command.ExecuteScalar() as string;
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private long ExecuteCount(SqliteTransaction tx, string sql)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
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

    /// <summary>
    /// Writes the final results with the dashboard's breakdowns and marks the run finished; with
    /// <paramref name="final"/>, the rows it names stay (see <see cref="WriteProgress"/>).
    /// </summary>
    public void WriteResults(AnalyticsResults results, BreakdownResults breakdowns, IReadOnlyDictionary<string, string> runMeta, FinalRowCutoffs? final = null)
    {
        WriteProgress(results, breakdowns, runMeta, final);
        SetMeta("finished_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        SetMeta("state", "finished");
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>
    /// Replaces the results with those so far while a run goes on (a followed run), leaving the
    /// state <c>running</c>; readers see <c>results_version</c> change and reread. With
    /// <paramref name="final"/> (results of a state evicted up to a horizon, which leave out the
    /// windows ending by it), the rows of those final windows stay and interests keep each pair's
    /// earliest detection, so the store still holds every window.
    /// </summary>
    public void WriteProgress(AnalyticsResults results, BreakdownResults breakdowns, IReadOnlyDictionary<string, string> runMeta, FinalRowCutoffs? final = null)
    {
        ResultsTableWriter.Write(_connection, results, final);
        BreakdownTableWriter.Write(_connection, breakdowns, final);
        MarkResultsWritten(runMeta);
    }

    /// <summary>
    /// A batch run's first results write: the dashboard's breakdowns, the most rows and the quickest
    /// to compute, stored while the contract's results are still being computed. The run then ends
    /// with <see cref="WriteFinalResults"/>.
    /// </summary>
    public void WriteBreakdowns(BreakdownResults breakdowns) => BreakdownTableWriter.Write(_connection, breakdowns);

    /// <summary>Writes the final results beside the breakdowns <see cref="WriteBreakdowns"/> wrote, and marks the run finished.</summary>
    public void WriteFinalResults(AnalyticsResults results, IReadOnlyDictionary<string, string> runMeta)
    {
        ResultsTableWriter.Write(_connection, results);
        MarkResultsWritten(runMeta);
        SetMeta("finished_at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        SetMeta("state", "finished");
        Execute(_connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private void MarkResultsWritten(IReadOnlyDictionary<string, string> runMeta)
    {
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
