using Microsoft.Data.Sqlite;
using Playstream.Core.Results;

namespace Playstream.Embedded.Store;

/// <summary>Writes a run's results into the result tables, replacing what was there.</summary>
internal static class ResultsTableWriter
{
    public static void Write(SqliteConnection connection, AnalyticsResults results)
    {
        using var tx = connection.BeginTransaction();
        foreach (var table in new[] { "activity", "top_tracks", "profiles", "profile_summary", "unique_tracks", "interests", "summary", "dead_letter_counts" })
            Run(connection, tx, $"DELETE FROM {table}");

        Insert(connection, tx, "INSERT INTO activity VALUES ($a,$b,$c,$d,$e)", results.Activity,
            (p, w) => { p[0].Value = w.WindowStart; p[1].Value = w.WindowEnd; p[2].Value = w.Plays; p[3].Value = w.Listeners; p[4].Value = w.MobilePlays; });

        var ranked = results.TopTracks.SelectMany(w => w.Tracks.Select((t, i) => (w, t, rank: i + 1)));
        Insert(connection, tx, "INSERT INTO top_tracks VALUES ($a,$b,$c,$d,$e,$f)", ranked,
            (p, r) => { p[0].Value = r.w.WindowStart; p[1].Value = r.w.WindowEnd; p[2].Value = r.w.Gender; p[3].Value = r.rank; p[4].Value = r.t.TrackId; p[5].Value = r.t.Plays; });

        Insert(connection, tx, "INSERT INTO profiles VALUES ($a,$b,$c,$d,$e,$f,$g,$h)", results.Profiles,
            (p, c) =>
            {
                p[0].Value = c.CustomerId; p[1].Value = c.Plays; p[2].Value = c.Morning; p[3].Value = c.Afternoon;
                p[4].Value = c.Evening; p[5].Value = c.Night; p[6].Value = c.MobilePlays; p[7].Value = c.UniqueTracks;
            });

        var s = results.ProfileSummary;
        Insert(connection, tx, "INSERT INTO profile_summary VALUES ($a,$b,$c,$d,$e,$f,$g)", [s],
            (p, x) => { p[0].Value = x.Customers; p[1].Value = x.Morning; p[2].Value = x.Afternoon; p[3].Value = x.Evening; p[4].Value = x.Night; p[5].Value = x.Mobile; p[6].Value = x.Unique; });

        var uniques = results.UniqueTracks.SelectMany(u => u.TrackIds.Select(id => (u.Scope, id)));
        Insert(connection, tx, "INSERT INTO unique_tracks VALUES ($a,$b)", uniques,
            (p, u) => { p[0].Value = u.Scope; p[1].Value = u.id; });

        Insert(connection, tx, "INSERT INTO interests VALUES ($a,$b,$c)", results.Interests,
            (p, i) => { p[0].Value = i.CustomerId; p[1].Value = i.TrackId; p[2].Value = i.DetectedAt; });

        var sum = results.Summary;
        Insert(connection, tx, "INSERT INTO summary VALUES ($a,$b,$c,$d)", [sum],
            (p, x) => { p[0].Value = x.Events; p[1].Value = x.DeadLetters; p[2].Value = x.UnknownCustomers; p[3].Value = x.UnknownTracks; });
        Insert(connection, tx, "INSERT INTO dead_letter_counts VALUES ($a,$b)", sum.DeadLettersByReason,
            (p, kv) => { p[0].Value = kv.Key; p[1].Value = kv.Value; });
        tx.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void Insert<T>(SqliteConnection connection, SqliteTransaction tx, string sql, IEnumerable<T> rows, Action<SqliteParameter[], T> bind)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        var names = sql[(sql.IndexOf("VALUES", StringComparison.Ordinal) + 6)..].Trim(' ', '(', ')').Split(',');
        var parameters = LookupTableWriter.AddParameters(command, names);
        foreach (var row in rows)
        {
            bind(parameters, row);
            command.ExecuteNonQuery();
        }
    }
}
