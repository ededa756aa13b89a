using Microsoft.Data.Sqlite;

namespace Playstream.Embedded.Tests;

/// <summary>Rows of a query, read straight from SQLite: what a test checks a store against, apart from the store's own reader.</summary>
internal static class SqlRows
{
    public static List<T> Read<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> map)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        return rows;
    }

    /// <summary>The rows of a query on a store file, opened read-only for the query.</summary>
    public static List<T> Read<T>(string store, string sql, Func<SqliteDataReader, T> map)
    {
        using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return Read(connection, sql, map);
    }
}
