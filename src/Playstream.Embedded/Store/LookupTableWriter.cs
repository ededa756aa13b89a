using Microsoft.Data.Sqlite;
using Playstream.Core.Lookups;

namespace Playstream.Embedded.Store;

/// <summary>Writes the customer and track tables a run was enriched with.</summary>
internal static class LookupTableWriter
{
    public static void Write(SqliteConnection connection, LookupTables lookups)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO customers VALUES ($id, $name, $gender, $address, $zip, $sign, $status, $level, $campaign, $apps, $age)
                """;
            var p = AddParameters(command, "$id", "$name", "$gender", "$address", "$zip", "$sign", "$status", "$level", "$campaign", "$apps", "$age");
            foreach (var c in lookups.Customers.All())
            {
                p[0].Value = c.Id; p[1].Value = c.Name; p[2].Value = c.Gender; p[3].Value = c.Address; p[4].Value = c.Zip;
                p[5].Value = c.SignDate; p[6].Value = c.Status; p[7].Value = c.Level; p[8].Value = c.Campaign;
                p[9].Value = c.LinkedWithApps; p[10].Value = (object?)c.Age ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        }
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO tracks VALUES ($id, $title, $artist, $length)";
            var p = AddParameters(command, "$id", "$title", "$artist", "$length");
            foreach (var t in lookups.Tracks.All())
            {
                p[0].Value = t.Id; p[1].Value = t.Title; p[2].Value = t.Artist; p[3].Value = t.Length;
                command.ExecuteNonQuery();
            }
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
