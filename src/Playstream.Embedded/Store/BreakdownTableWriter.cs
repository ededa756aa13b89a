using Microsoft.Data.Sqlite;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Embedded.Store;

/// <summary>
/// Writes the dashboard's breakdowns into <c>pane_plays</c> and <c>zip_plays</c>, replacing what
/// was there; with <see cref="FinalRows"/>, the final panes the breakdowns no longer hold stay.
/// </summary>
internal static class BreakdownTableWriter
{
    public static void Write(SqliteConnection connection, BreakdownResults breakdowns, FinalRows? final = null)
    {
        using var tx = connection.BeginTransaction();
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = tx;
            clear.CommandText = final is { } kept
                ? $"DELETE FROM pane_plays WHERE pane_start >= {kept.PanesStartingBefore}; DELETE FROM zip_plays;"
                : "DELETE FROM pane_plays; DELETE FROM zip_plays;";
            clear.ExecuteNonQuery();
        }
        using (var panes = new RawStatement(connection.Handle!, "INSERT INTO pane_plays VALUES (?, ?, ?, ?, ?)"))
            foreach (var row in breakdowns.Panes)
                panes.Set(0, row.PaneStart).Set(1, row.PaneEnd).Set(2, row.Dimension).Set(3, row.Key).Set(4, row.Plays).Step();
        using (var zips = new RawStatement(connection.Handle!, "INSERT INTO zip_plays VALUES (?, ?)"))
            foreach (var row in breakdowns.Zips)
                zips.Set(0, row.Zip).Set(1, row.Plays).Step();
        tx.Commit();
    }
}
