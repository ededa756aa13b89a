using Microsoft.Data.Sqlite;
using Playstream.Core.Lookups;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Tests.Store;

public sealed class LookupTableWriterTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public LookupTableWriterTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = StoreSchema.Create;
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    private List<string> Rows(string sql) =>
        SqlRows.Read(_connection, sql, r => string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => r.IsDBNull(i) ? "NULL" : r.GetValue(i).ToString())));

    [Fact]
    public void Every_field_is_written_and_a_customer_or_track_written_again_replaces_its_row()
    {
        var first = LookupTables.Empty();
        first.Customers.Set(new Customer(1, "Ann, \"A\"", "F", "1 Main St", "02134", "01/02/2013", "1", "2", "3", "0", "33"));
        first.Customers.Set(new Customer(2, "Bo", "M", "", "", "", "", "", "", "", null));
        first.Tracks.Set(new Track(9, "Hey", "Band", 200));
        LookupTableWriter.Write(_connection, first);
        var second = LookupTables.Empty();
        second.Customers.Set(new Customer(2, "Bob", "M", "", "", "", "", "0", "", "", "40"));
        second.Tracks.Set(new Track(9, "Hey Jude", "Band", 431));
        LookupTableWriter.Write(_connection, second);

        Assert.Equal(
            ["1|Ann, \"A\"|F|1 Main St|02134|01/02/2013|1|2|3|0|33", "2|Bob|M|||||0|||40"],
            Rows("SELECT * FROM customers ORDER BY customer_id"));
        Assert.Equal(["9|Hey Jude|Band|431"], Rows("SELECT * FROM tracks"));
    }

    [Fact]
    public void Parameters_are_added_to_the_command_under_their_names()
    {
        using var command = _connection.CreateCommand();
        var parameters = LookupTableWriter.AddParameters(command, "$a", "$b");
        Assert.Equal(["$a", "$b"], parameters.Select(p => p.ParameterName));
        Assert.Equal(parameters, command.Parameters.Cast<SqliteParameter>());
    }
}
