using Microsoft.Data.Sqlite;
using Playstream.Core.Lookups;

namespace Playstream.Embedded.Store;

/// <summary>Writes the customer and track tables a run was enriched with.</summary>
internal static class LookupTableWriter
{
    public static void Write(SqliteConnection connection, LookupTables lookups)
    {
        using var transaction = connection.BeginTransaction();
        // The lookups are written once per run, before its plays: thousands of rows on the way to the first play.
        using (var customers = new RowInserter(connection.Handle!, "customers", 11, verb: "INSERT OR REPLACE"))
        {
            foreach (var c in lookups.Customers.All())
            {
                customers.Set(0, c.Id).Set(1, c.Name).Set(2, c.Gender).Set(3, c.Address).Set(4, c.Zip).Set(5, c.SignDate)
                    .Set(6, c.Status).Set(7, c.Level).Set(8, c.Campaign).Set(9, c.LinkedWithApps).Set(10, c.Age);
                customers.EndRow();
            }
            customers.Flush();
        }
        using (var tracks = new RowInserter(connection.Handle!, "tracks", 4, verb: "INSERT OR REPLACE"))
        {
            foreach (var t in lookups.Tracks.All())
            {
                tracks.Set(0, t.Id).Set(1, t.Title).Set(2, t.Artist).Set(3, t.Length);
                tracks.EndRow();
            }
            tracks.Flush();
        }
        transaction.Commit();
    }

    internal static SqliteParameter[] AddParameters(SqliteCommand command, params string[] names)
    {
        var parameters = new SqliteParameter[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            parameters[i] = new SqliteParameter { ParameterName = names[i] };
            command.Parameters.Add(parameters[i]);
        }
        return parameters;
    }
}
