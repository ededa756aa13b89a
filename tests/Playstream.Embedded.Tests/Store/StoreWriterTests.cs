using Microsoft.Data.Sqlite;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Store;

/// <summary>Plays and dead letters written on the writer's own thread, read back with SQL.</summary>
public sealed class StoreWriterTests
{
    [Fact]
    public async Task Plays_and_dead_letters_go_into_their_tables()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            var customers = new CustomerTable();
            customers.Set(new Customer(3, "Ann Lee", "1", "1 Main St", "12345", "01/02/2013", "1", "2", "1", "0", null));
            var tracks = new TrackTable();
            tracks.Set(new Track(8, "Song, With Comma", "Band", 200));
            store.WriteLookups(new LookupTables(customers, tracks));

            var writer = store.OpenWriter(storePlays: true);
            // More plays than one batch holds, so batches are recycled through the pool.
            for (var b = 0; b < 3; b++)
            {
                var batch = writer.Pool.Rent();
                for (var i = 0; i < 5000; i++)
                    batch.Add(new PlayEvent(b * 5000 + i, i % 2 == 0 ? 3 : 99, 8, 1_414_000_000 + i, i % 3 == 0), "72132"u8);
                writer.Write(batch);
            }
            writer.Write(new DeadLetter(DeadLetterReason.BadIsMobile, new SourcePosition("plays.csv", 17), "1,2,3,\"2014-10-01 00:00:00\",7,\"1\"", "ismobile is not 0 or 1"));
            await writer.DisposeAsync();
            Assert.Equal(15000, writer.PlaysWritten);
        }

        using var reader = new StoreReader(path);
        Assert.Equal(15000, reader.CountPlays());
        var letter = Assert.Single(reader.ReadDeadLetters());
        Assert.Equal(DeadLetterReason.BadIsMobile, letter.Reason);
        Assert.Equal(new SourcePosition("plays.csv", 17), letter.Position);

        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), sum(mobile), min(zip), max(name), max(title) FROM enriched_plays WHERE customer_id = 3";
        using var row = command.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(7500, row.GetInt64(0));
        // i even and i % 3 == 0: every 6th of the 15000 plays has customer 3 and is mobile.
        Assert.Equal(Enumerable.Range(0, 3).Sum(_ => Enumerable.Range(0, 5000).Count(i => i % 2 == 0 && i % 3 == 0)), row.GetInt64(1));
        Assert.Equal("72132", row.GetString(2));
        Assert.Equal("Ann Lee", row.GetString(3));
        Assert.Equal("Song, With Comma", row.GetString(4));
    }

    [Fact]
    public async Task Every_column_of_every_play_lands_whatever_the_split_into_multi_row_inserts()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        var expected = new List<(long, long, long, long, long, string)>();
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            var writer = store.OpenWriter(storePlays: true);
            // 64 rows go in one statement: batches of 200 (3 x 64 + 8) and 7 (all one by one).
            foreach (var size in new[] { 200, 7, 200 })
            {
                var batch = writer.Pool.Rent();
                for (var i = 0; i < size; i++)
                {
                    var id = expected.Count;
                    var zip = id % 5 == 0 ? "" : $"0{id}";
                    batch.Add(new PlayEvent(id, id % 13, 1000 + id, 1_414_000_000L + id * 7, id % 2 == 1), System.Text.Encoding.UTF8.GetBytes(zip));
                    expected.Add((id, id % 13, 1000 + id, 1_414_000_000L + id * 7, id % 2, zip));
                }
                writer.Write(batch);
            }
            await writer.DisposeAsync();
            Assert.Equal(expected.Count, writer.PlaysWritten);
        }

        Assert.Equal(expected, SqlRows.Read(path, "SELECT event_id, customer_id, track_id, time, mobile, zip FROM plays ORDER BY rowid",
            r => (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetString(5))));
    }

    [Fact]
    public async Task Without_plays_stored_batches_go_straight_back_to_the_pool_and_dead_letters_are_still_kept()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            var writer = store.OpenWriter(storePlays: false);
            var batch = writer.Pool.Rent();
            batch.Add(new PlayEvent(1, 1, 1, 1, false), "1"u8);
            writer.Write(batch);
            Assert.Same(batch, writer.Pool.Rent());
            Assert.Equal(0, batch.Count);
            // More dead letters than one chunk (1,024), so a full chunk and a remainder are written.
            for (var i = 0; i < 1_500; i++)
                writer.Write(new DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("p.csv", i + 1), $"line {i}", "not six fields"));
            await writer.DisposeAsync();
            Assert.Equal(0, writer.PlaysWritten);
            Assert.Equal(1_500, writer.DeadLettersWritten);
        }

        Assert.Equal([0L], SqlRows.Read(path, "SELECT count(*) FROM plays", r => r.GetInt64(0)));
        Assert.Equal(Enumerable.Range(1, 1_500).Select(i => (long)i), SqlRows.Read(path, "SELECT line FROM dead_letters ORDER BY rowid", r => r.GetInt64(0)));
    }

    [Fact]
    public async Task A_flush_makes_what_was_written_visible_to_a_reader_while_the_writer_stays_open()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using var store = EmbeddedStore.CreateFresh(path, out _);
        var writer = store.OpenWriter(storePlays: true);
        var batch = writer.Pool.Rent();
        batch.Add(new PlayEvent(1, 2, 3, 4, true), "5"u8);
        writer.Write(batch);
        writer.Write(new DeadLetter(DeadLetterReason.Late, new SourcePosition("p.csv", 9), "x", "late"));

        await writer.FlushAsync();

        using (var reader = new StoreReader(path))
        {
            Assert.Equal(1, reader.CountPlays());
            Assert.Single(reader.ReadDeadLetters());
        }
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task After_a_failed_write_the_writer_refuses_more_and_says_why()
    {
        using var folder = new TempFolder();
        using var store = EmbeddedStore.CreateFresh(folder.File("store.db"), out _);
        var writer = store.OpenWriter(storePlays: true);
        writer.Write(new DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("p.csv", 1), null!, "no text")); // raw is NOT NULL

        await Assert.ThrowsAnyAsync<Exception>(() => writer.FlushAsync());
        var e = Assert.Throws<IOException>(() => writer.Write(writer.Pool.Rent()));
        Assert.StartsWith("the embedded store could not be written: ", e.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<Exception>(async () => await writer.DisposeAsync());
    }

    [Fact]
    public async Task A_writer_that_cannot_prepare_its_insert_fails_every_write_instead_of_blocking_them()
    {
        using var folder = new TempFolder();
        using var store = EmbeddedStore.CreateFresh(folder.File("store.db"), out _);
        EmbeddedStore.Execute(store.Connection, "DROP VIEW enriched_plays; DROP TABLE plays;");
        var writer = store.OpenWriter(storePlays: true);

        // Far more chunks of dead letters than the writer's queue holds: a writer that stopped
        // draining it would block this loop for ever.
        var writing = Task.Run(() =>
        {
            for (var i = 0; i < 100 * 1024; i++)
                writer.Write(new DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("p.csv", i + 1), "a,b", "2 fields"));
        });
        await writing.WaitAsync(TimeSpan.FromSeconds(60));

        var flush = await Assert.ThrowsAnyAsync<Exception>(() => writer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("plays", flush.Message, StringComparison.Ordinal);
        var disposed = await Assert.ThrowsAsync<IOException>(async () => await writer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.StartsWith("the embedded store could not be written: ", disposed.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.DeadLettersWritten);
    }
}
