using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using SQLitePCL;

namespace Playstream.Embedded.Store;

/// <summary>
/// Writes plays and dead letters into the store on its own thread, so readers keep parsing
/// while SQLite works. Plays go through SQLite's C API directly: binding integers with no
/// boxing is about three times faster than the ADO.NET layer, which matters at millions of
/// plays. The queue is bounded, so a writer that falls behind slows the readers down
/// (backpressure) instead of buffering the whole run in memory.
/// </summary>
public sealed class StoreWriter : IPlaySink, IDeadLetterSink
{
    private const int DeadLetterChunk = 1024;
    private const int Columns = 6;
    private const int RowsPerInsert = 64;
    private const long PlaysPerCommit = 1_000_000;

    private readonly SqliteConnection _connection;
    private readonly bool _storePlays;
    private readonly BlockingCollection<object> _queue = new(boundedCapacity: 64);
    private readonly Thread _thread;
    private readonly Lock _deadLetterGate = new();
    private List<DeadLetter> _pendingDeadLetters = [];
    private Exception? _failure;
    private long _playsWritten;
    private long _deadLettersWritten;

    internal StoreWriter(SqliteConnection connection, bool storePlays)
    {
        _connection = connection;
        _storePlays = storePlays;
        _thread = new Thread(Loop) { Name = "playstream-store-writer", IsBackground = true };
        _thread.Start();
    }

    /// <summary>Where batches go back once written; the pipeline rents from the same pool.</summary>
    public PlayBatchPool Pool { get; } = new();

    public long PlaysWritten => Interlocked.Read(ref _playsWritten);
    public long DeadLettersWritten => Interlocked.Read(ref _deadLettersWritten);

    public void Write(PlayBatch batch)
    {
        ThrowIfFailed();
        if (!_storePlays)
        {
            Pool.Return(batch);
            return;
        }
        _queue.Add(batch);
    }

    public void Write(DeadLetter letter)
    {
        List<DeadLetter>? full = null;
        lock (_deadLetterGate)
        {
            _pendingDeadLetters.Add(letter);
            if (_pendingDeadLetters.Count >= DeadLetterChunk)
            {
                full = _pendingDeadLetters;
                _pendingDeadLetters = [];
            }
        }
        if (full is not null)
            _queue.Add(full);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        List<DeadLetter> rest;
        lock (_deadLetterGate)
        {
            rest = _pendingDeadLetters;
            _pendingDeadLetters = [];
        }
        if (rest.Count > 0)
            _queue.Add(rest, cancellationToken);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(done, cancellationToken);
        return done.Task;
    }

    private void ThrowIfFailed()
    {
        if (_failure is not null)
            throw new IOException($"the embedded store could not be written: {_failure.Message}", _failure);
    }

    private void Loop()
    {
        var db = _connection.Handle!;
        // Without its statements the writer cannot write, but it still drains the queue, failing
        // each item: else the readers would block on the full queue and a flush would wait for ever.
        _failure = TryPrepare(db, out var insertPlay, out var insertPlays);
        var inTransaction = false;
        long playsInTransaction = 0;
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                if (_failure is not null)
                {
                    if (item is TaskCompletionSource failed) failed.TrySetException(_failure);
                    if (item is PlayBatch skipped) Pool.Return(skipped);
                    continue;
                }
                try
                {
                    switch (item)
                    {
                        case PlayBatch batch:
                            if (!inTransaction) { Check(db, raw.sqlite3_exec(db, "BEGIN")); inTransaction = true; }
                            InsertPlays(db, insertPlays!, insertPlay!, batch);
                            playsInTransaction += batch.Plays.Length;
                            Pool.Return(batch);
                            // Committing now and then lets readers see the plays so far and lets SQLite
                            // checkpoint the WAL while the run goes on, instead of all at the end.
                            if (playsInTransaction >= PlaysPerCommit)
                            {
                                Check(db, raw.sqlite3_exec(db, "COMMIT"));
                                inTransaction = false;
                                playsInTransaction = 0;
                            }
                            break;
                        case List<DeadLetter> letters:
                            if (inTransaction) { Check(db, raw.sqlite3_exec(db, "COMMIT")); inTransaction = false; }
                            InsertDeadLetters(letters);
                            break;
                        case TaskCompletionSource flush:
                            if (inTransaction) { Check(db, raw.sqlite3_exec(db, "COMMIT")); inTransaction = false; }
                            flush.TrySetResult();
                            break;
                    }
                }
                catch (Exception ex)
                {
                    _failure = ex;
                    if (item is TaskCompletionSource flush) flush.TrySetException(ex);
                }
            }
            if (inTransaction && _failure is null)
                Check(db, raw.sqlite3_exec(db, "COMMIT"));
        }
        catch (Exception ex)
        {
            _failure ??= ex;
        }
        finally
        {
            insertPlay?.Dispose();
            insertPlays?.Dispose();
        }
    }

    /// <summary>Prepares the one-play and the many-play insert; the failure, or null.</summary>
    private static Exception? TryPrepare(sqlite3 db, out sqlite3_stmt? one, out sqlite3_stmt? many)
    {
        one = many = null;
        try
        {
            Check(db, raw.sqlite3_prepare_v2(db, InsertPlaysSql(1), out one));
            Check(db, raw.sqlite3_prepare_v2(db, InsertPlaysSql(RowsPerInsert), out many));
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    /// <summary>An insert of <paramref name="rows"/> plays in one statement.</summary>
    private static string InsertPlaysSql(int rows) =>
        "INSERT INTO plays VALUES " + string.Join(',', Enumerable.Repeat("(?,?,?,?,?,?)", rows));

    /// <summary>
    /// Inserts a batch <see cref="RowsPerInsert"/> rows per statement (one step runs the insert
    /// machinery once for all of them), and the remainder one row at a time.
    /// </summary>
    private void InsertPlays(sqlite3 db, sqlite3_stmt many, sqlite3_stmt one, PlayBatch batch)
    {
        var plays = batch.Plays;
        var i = 0;
        for (; i + RowsPerInsert <= plays.Length; i += RowsPerInsert)
        {
            for (var row = 0; row < RowsPerInsert; row++)
                Bind(many, row * Columns, batch, i + row);
            Step(db, many);
        }
        for (; i < plays.Length; i++)
        {
            Bind(one, 0, batch, i);
            Step(db, one);
        }
        Interlocked.Add(ref _playsWritten, plays.Length);
    }

    private static void Bind(sqlite3_stmt statement, int first, PlayBatch batch, int index)
    {
        ref readonly var p = ref batch.Plays[index];
        raw.sqlite3_bind_int64(statement, first + 1, p.EventId);
        raw.sqlite3_bind_int(statement, first + 2, p.CustomerId);
        raw.sqlite3_bind_int(statement, first + 3, p.TrackId);
        raw.sqlite3_bind_int64(statement, first + 4, p.Time);
        raw.sqlite3_bind_int(statement, first + 5, p.IsMobile ? 1 : 0);
        raw.sqlite3_bind_text(statement, first + 6, batch.Zip(index));
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var rc = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (rc != raw.SQLITE_DONE)
            Check(db, rc);
    }

    private void InsertDeadLetters(List<DeadLetter> letters)
    {
        using var tx = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO dead_letters VALUES ($r, $s, $l, $raw, $d)";
        var p = LookupTableWriter.AddParameters(command, "$r", "$s", "$l", "$raw", "$d");
        foreach (var letter in letters)
        {
            p[0].Value = letter.Reason.Name(); p[1].Value = letter.Position.Source; p[2].Value = letter.Position.Line;
            p[3].Value = letter.RawText; p[4].Value = letter.Detail;
            command.ExecuteNonQuery();
        }
        tx.Commit();
        Interlocked.Add(ref _deadLettersWritten, letters.Count);
    }

    private static void Check(sqlite3 db, int rc) => RowInserter.Check(db, rc);

    /// <summary>Writes what is queued and stops the writer's thread, also after a failure, which it then reports.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception) when (_failure is not null)
        {
            // Reported below, as every write after a failure is.
        }
        finally
        {
            _queue.CompleteAdding();
            _thread.Join();
            _queue.Dispose();
        }
        ThrowIfFailed();
    }
}
