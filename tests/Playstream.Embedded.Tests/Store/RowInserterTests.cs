using Microsoft.Data.Sqlite;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Tests.Store;

public sealed class RowInserterTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(RowInserter.RowsPerStatement)]
    [InlineData(3 * RowInserter.RowsPerStatement + 5)]
    public void Every_row_arrives_with_its_values_whether_sent_in_full_statements_or_one_by_one(int rows)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t(a INTEGER, b REAL, c TEXT)";
            create.ExecuteNonQuery();
        }
        using (var inserter = new RowInserter(connection.Handle!, "t", 3))
        {
            for (var i = 0; i < rows; i++)
            {
                inserter.Set(0, i).Set(1, i / 4.0).Set(2, i % 3 == 0 ? "fizz" : $"n{i}");
                inserter.EndRow();
            }
            inserter.Flush();
        }

        using var read = connection.CreateCommand();
        read.CommandText = "SELECT a, b, c FROM t ORDER BY a";
        using var reader = read.ExecuteReader();
        var count = 0;
        while (reader.Read())
        {
            Assert.Equal(count, reader.GetInt64(0));
            Assert.Equal(count / 4.0, reader.GetDouble(1));
            Assert.Equal(count % 3 == 0 ? "fizz" : $"n{count}", reader.GetString(2));
            count++;
        }
        Assert.Equal(rows, count);
    }

    [Fact]
    public void An_on_conflict_clause_applies_to_every_row()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t(k INTEGER PRIMARY KEY, v INTEGER); INSERT INTO t VALUES (1, 50), (2, 5)";
            create.ExecuteNonQuery();
        }
        using (var inserter = new RowInserter(connection.Handle!, "t", 2, "ON CONFLICT(k) DO UPDATE SET v = min(v, excluded.v)"))
        {
            foreach (var (k, v) in new[] { (1L, 10L), (2L, 20L), (3L, 30L) })
            {
                inserter.Set(0, k).Set(1, v);
                inserter.EndRow();
            }
            inserter.Flush();
        }
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT group_concat(k || '=' || v, ',') FROM (SELECT * FROM t ORDER BY k)";
        Assert.Equal("1=10,2=5,3=30", read.ExecuteScalar());
    }
}
