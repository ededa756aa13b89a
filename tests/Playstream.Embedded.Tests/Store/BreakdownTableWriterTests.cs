using Microsoft.Data.Sqlite;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Tests.Store;

public sealed class BreakdownTableWriterTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public BreakdownTableWriterTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = StoreSchema.Create;
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    private List<(long, long, string, string, long)> Panes() =>
        SqlRows.Read(_connection, "SELECT pane_start, pane_end, dimension, key, plays FROM pane_plays ORDER BY pane_start, dimension, key",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3), r.GetInt64(4)));

    private List<(string, long)> Zips() => SqlRows.Read(_connection, "SELECT zip, plays FROM zip_plays ORDER BY zip", r => (r.GetString(0), r.GetInt64(1)));

    [Fact]
    public void A_write_replaces_every_pane_and_zip_of_the_one_before()
    {
        BreakdownTableWriter.Write(_connection, new BreakdownResults(
            [new PanePlays(0, 300, "gender", "F", 1), new PanePlays(300, 600, "age", "65+", 2)], [new ZipPlays("1", 3)]));
        BreakdownTableWriter.Write(_connection, new BreakdownResults(
            [new PanePlays(300, 600, "level", "gold", 4), new PanePlays(0, 300, "level", "free", 1), new PanePlays(0, 300, "age", "18-24", 1)],
            [new ZipPlays("2", 5), new ZipPlays("other", 1)]));

        Assert.Equal([(0L, 300L, "age", "18-24", 1L), (0L, 300L, "level", "free", 1L), (300L, 600L, "level", "gold", 4L)], Panes());
        Assert.Equal([("2", 5L), ("other", 1L)], Zips());
    }

    [Fact]
    public void With_cutoffs_the_panes_before_them_stay_and_the_zips_are_still_replaced()
    {
        BreakdownTableWriter.Write(_connection, new BreakdownResults(
            [new PanePlays(0, 300, "gender", "F", 1), new PanePlays(300, 600, "gender", "F", 2)], [new ZipPlays("1", 3)]));

        BreakdownTableWriter.Write(_connection, new BreakdownResults([new PanePlays(300, 600, "gender", "F", 5)], [new ZipPlays("1", 6)]),
            new FinalRowCutoffs(WindowsEndingBy: 0, PanesStartingBefore: 300));

        Assert.Equal([(0L, 300L, "gender", "F", 1L), (300L, 600L, "gender", "F", 5L)], Panes());
        Assert.Equal([("1", 6L)], Zips());
    }
}
