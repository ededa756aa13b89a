using Microsoft.Data.Sqlite;
using Playstream.Core.Results;

namespace Playstream.Embedded.Store;

/// <summary>
/// Writes a run's results into the result tables, replacing what was there; with
/// <see cref="FinalRows"/> (a state evicted up to a horizon), the rows of final windows stay and
/// interests are merged keeping each pair's earliest detection, because the results no longer
/// hold what the state evicted.
/// </summary>
internal static class ResultsTableWriter
{
    private static readonly string[] WholeTables = ["profiles", "profile_summary", "unique_tracks", "summary", "dead_letter_counts"];

    public static void Write(SqliteConnection connection, AnalyticsResults results, FinalRows? final = null)
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

        Insert(connection, tx, "INSERT INTO activity VALUES ($a,$b,$c,$d,$e)", results.Activity,
            (p, w) => p.Set(0, w.WindowStart).Set(1, w.WindowEnd).Set(2, w.Plays).Set(3, w.Listeners).Set(4, w.MobilePlays));

        var ranked = results.TopTracks.SelectMany(w => w.Tracks.Select((t, i) => (w, t, rank: i + 1)));
        Insert(connection, tx, "INSERT INTO top_tracks VALUES ($a,$b,$c,$d,$e,$f)", ranked,
            (p, r) => p.Set(0, r.w.WindowStart).Set(1, r.w.WindowEnd).SetRepeated(2, r.w.Gender).Set(3, r.rank).Set(4, r.t.TrackId).Set(5, r.t.Plays));

        Insert(connection, tx, "INSERT INTO profiles VALUES ($a,$b,$c,$d,$e,$f,$g,$h)", results.Profiles,
            (p, c) => p.Set(0, c.CustomerId).Set(1, c.Plays).Set(2, c.Morning).Set(3, c.Afternoon)
                .Set(4, c.Evening).Set(5, c.Night).Set(6, c.MobilePlays).Set(7, c.UniqueTracks));

        var s = results.ProfileSummary;
        Insert(connection, tx, "INSERT INTO profile_summary VALUES ($a,$b,$c,$d,$e,$f,$g)", [s],
            (p, x) => p.Set(0, x.Customers).Set(1, x.Morning).Set(2, x.Afternoon).Set(3, x.Evening).Set(4, x.Night).Set(5, x.Mobile).Set(6, x.Unique));

        var uniques = results.UniqueTracks.SelectMany(u => u.TrackIds.Select(id => (u.Scope, id)));
        Insert(connection, tx, "INSERT INTO unique_tracks VALUES ($a,$b)", uniques,
            (p, u) => p.SetRepeated(0, u.Scope).Set(1, u.id));

        // An evicted state may have lost a detection (its plays were dropped) or see it later than it
        // was: the earliest detection ever written is the true one, as plays are only ever added.
        var interestSql = final is null
            ? "INSERT INTO interests VALUES ($a,$b,$c)"
            : "INSERT INTO interests VALUES ($a,$b,$c) ON CONFLICT(customer_id, track_id) DO UPDATE SET detected_at = min(detected_at, excluded.detected_at)";
        Insert(connection, tx, interestSql, results.Interests,
            (p, i) => p.Set(0, i.CustomerId).Set(1, i.TrackId).Set(2, i.DetectedAt));

        var sum = results.Summary;
        Insert(connection, tx, "INSERT INTO summary VALUES ($a,$b,$c,$d)", [sum],
            (p, x) => p.Set(0, x.Events).Set(1, x.DeadLetters).Set(2, x.UnknownCustomers).Set(3, x.UnknownTracks));
        Insert(connection, tx, "INSERT INTO dead_letter_counts VALUES ($a,$b)", sum.DeadLettersByReason,
            (p, kv) => p.Set(0, kv.Key).Set(1, kv.Value));
        tx.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Insert<T>(SqliteConnection connection, SqliteTransaction tx, string sql, IEnumerable<T> rows, Action<RawStatement, T> bind)
    {
        _ = tx; // the rows go into the open transaction of the same connection
        // Named parameters are numbered in order of appearance, so $a is 1, $b is 2, ...
        using var statement = new RawStatement(connection.Handle!, sql);
        foreach (var row in rows)
        {
            bind(statement, row);
            statement.Step();
        }
    }
}
