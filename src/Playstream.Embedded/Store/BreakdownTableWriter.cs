using Microsoft.Data.Sqlite;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Embedded.Store;

/// <summary>Writes the dashboard's breakdowns into <c>pane_plays</c> and <c>zip_plays</c>, replacing what was there.</summary>
internal static class BreakdownTableWriter
{
    public static void Write(SqliteConnection connection, BreakdownResults breakdowns)
    {
        using var tx = connection.BeginTransaction();
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = tx;
            clear.CommandText = "DELETE FROM pane_plays; DELETE FROM zip_plays;";
            clear.ExecuteNonQuery();
        }
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "INSERT INTO pane_plays VALUES ($s, $e, $d, $k, $p)";
            var p = LookupTableWriter.AddParameters(command, "$s", "$e", "$d", "$k", "$p");
            foreach (var row in breakdowns.Panes)
            {
                p[0].Value = row.PaneStart; p[1].Value = row.PaneEnd; p[2].Value = row.Dimension; p[3].Value = row.Key; p[4].Value = row.Plays;
                command.ExecuteNonQuery();
            }
        }
        using (var command = connection.CreateCommand())
        {
            command.Transaction = tx;
            command.CommandText = "INSERT INTO zip_plays VALUES ($z, $p)";
            var p = LookupTableWriter.AddParameters(command, "$z", "$p");
            foreach (var row in breakdowns.Zips)
            {
                p[0].Value = row.Zip; p[1].Value = row.Plays;
                command.ExecuteNonQuery();
            }
        }
        tx.Commit();
    }
}
