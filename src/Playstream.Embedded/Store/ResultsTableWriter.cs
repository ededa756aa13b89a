using Microsoft.Data.Sqlite;
using Playstream.Core.Results;

namespace Playstream.Embedded.Store;

/// <summary>
/// Writes a run's results into the result tables, replacing what was there; with
/// <see cref="FinalRowCutoffs"/> (a state evicted up to a horizon), the rows of final windows stay and
/// interests are merged keeping each pair's earliest detection, because the results no longer
/// hold what the state evicted.
/// </summary>
internal static class ResultsTableWriter
{
    private static readonly string[] WholeTables = ["profiles", "profile_summary", "unique_tracks", "summary", "dead_letter_counts"];

    public static void Write(SqliteConnection connection, AnalyticsResults results, FinalRowCutoffs? final = null)
    {
        using var tx = connection.BeginTransaction();
        foreach (var table in WholeTables)
            Run(connection, tx, $"DELETE FROM {table}");
        if (final is { } kept)
        {
            // Only windows the results still compute are replaced; the results hold none ending by the horizon.
            Run(connection, tx, $"DELETE FROM activity WHERE window_end > {kept.WindowsEndingBy}");
            Run(connection, tx, $"DELETE FROM top_tracks WHERE window_end > {kept.WindowsEndingBy}");
        }
        else
        {
            foreach (var table in new[] { "activity", "top_tracks", "interests" })
                Run(connection, tx, $"DELETE FROM {table}");
        }

        Insert(connection, "activity", 5, results.Activity,
            (r, w) => r.Set(0, w.WindowStart).Set(1, w.WindowEnd).Set(2, w.Plays).Set(3, w.Listeners).Set(4, w.MobilePlays));

        var ranked = results.TopTracks.SelectMany(w => w.Tracks.Select((t, i) => (w, t, rank: i + 1)));
        Insert(connection, "top_tracks", 6, ranked,
            (r, x) => r.Set(0, x.w.WindowStart).Set(1, x.w.WindowEnd).Set(2, x.w.Gender).Set(3, x.rank).Set(4, x.t.TrackId).Set(5, x.t.Plays));

        Insert(connection, "profiles", 8, results.Profiles,
            (r, c) => r.Set(0, c.CustomerId).Set(1, c.Plays).Set(2, c.Morning).Set(3, c.Afternoon)
                .Set(4, c.Evening).Set(5, c.Night).Set(6, c.MobilePlays).Set(7, c.UniqueTracks));

        var s = results.ProfileSummary;
        Insert(connection, "profile_summary", 7, [s],
            (r, x) => r.Set(0, x.Customers).Set(1, x.Morning).Set(2, x.Afternoon).Set(3, x.Evening).Set(4, x.Night).Set(5, x.Mobile).Set(6, x.Unique));

        var uniques = results.UniqueTracks.SelectMany(u => u.TrackIds.Select(id => (u.Scope, id)));
        Insert(connection, "unique_tracks", 2, uniques, (r, u) => r.Set(0, u.Scope).Set(1, u.id));

        // An evicted state may have lost a detection (its plays were dropped) or see it later than it
        // was: the earliest detection ever written is the true one, as plays are only ever added.
        var onConflict = final is null
            ? null
            : "ON CONFLICT(customer_id, track_id) DO UPDATE SET detected_at = min(detected_at, excluded.detected_at)";
        Insert(connection, "interests", 3, results.Interests,
            (r, i) => r.Set(0, i.CustomerId).Set(1, i.TrackId).Set(2, i.DetectedAt), onConflict);

        var sum = results.Summary;
        Insert(connection, "summary", 4, [sum],
            (r, x) => r.Set(0, x.Events).Set(1, x.DeadLetters).Set(2, x.UnknownCustomers).Set(3, x.UnknownTracks));
        Insert(connection, "dead_letter_counts", 2, sum.DeadLettersByReason, (r, kv) => r.Set(0, kv.Key).Set(1, kv.Value));
        tx.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Inserts the rows into the open transaction of the same connection.</summary>
    private static void Insert<T>(SqliteConnection connection, string table, int columns, IEnumerable<T> rows, Action<RowInserter, T> bind, string? onConflict = null)
    {
        using var inserter = new RowInserter(connection.Handle!, table, columns, onConflict);
        foreach (var row in rows)
        {
            bind(inserter, row);
            inserter.EndRow();
        }
        inserter.Flush();
    }
}
