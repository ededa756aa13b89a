using Microsoft.Data.Sqlite;
using Playstream.Core.Operators.Breakdowns;

namespace Playstream.Embedded.Store;

/// <summary>
/// Writes the dashboard's breakdowns into <c>pane_plays</c> and <c>zip_plays</c>, replacing what
/// was there; with <see cref="FinalRowCutoffs"/>, the final panes the breakdowns no longer hold stay.
/// </summary>
internal static class BreakdownTableWriter
{
    public static void Write(SqliteConnection connection, BreakdownResults breakdowns, FinalRowCutoffs? final = null)
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
        // Rows in the table's key order (dimension, then pane) append to its B-tree instead of
        // inserting at three places in turn; the breakdowns list them pane first, so a stable
        // split by dimension is that order.
        var byDimension = new SortedDictionary<string, List<PanePlays>>(StringComparer.Ordinal);
        foreach (var row in breakdowns.Panes)
        {
            if (!byDimension.TryGetValue(row.Dimension, out var rows))
                byDimension[row.Dimension] = rows = [];
            rows.Add(row);
        }
        using (var panes = new RowInserter(connection.Handle!, "pane_plays", 5))
        {
            foreach (var rows in byDimension.Values)
            {
                foreach (var row in rows)
                {
                    panes.Set(0, row.PaneStart).Set(1, row.PaneEnd).Set(2, row.Dimension).Set(3, row.Key).Set(4, row.Plays);
                    panes.EndRow();
                }
            }
            panes.Flush();
        }
        using (var zips = new RowInserter(connection.Handle!, "zip_plays", 2))
        {
            foreach (var row in breakdowns.Zips)
            {
                zips.Set(0, row.Zip).Set(1, row.Plays);
                zips.EndRow();
            }
            zips.Flush();
        }
        tx.Commit();
    }
}
