using System.Buffers;
using System.Collections.Concurrent;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Resilience;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Enriched plays into the plays index. Each play's id is its source position
/// (<c>topic/partition</c> and offset, or file and line), so a replay overwrites instead of
/// duplicating. A background task writes the plays straight into bulk bodies (no document
/// object on the way, see <see cref="PlayDocumentWriter"/>) and keeps up to
/// <see cref="PlaySinkOptions.Concurrency"/> of them in flight while it writes the next; the
/// bounded queue makes a slow cluster slow the consumer down instead of buffering without end.
/// </summary>
/// <remarks>
/// Requests in flight together hold different plays (one id is in one body), so their order
/// does not matter; a flush ends when the requests holding the plays before it are answered,
/// while the plays after it are already being sent. While the sink runs the index refreshes only
/// at its flushes (<see cref="PlaySinkOptions.RefreshAtFlushes"/>, begun by
/// <see cref="EnsureIndexAsync"/>, put back by <see cref="DisposeAsync"/>).
/// </remarks>
public sealed class ElasticsearchPlaySink : IPlaySink
{
    private readonly ElasticsearchClient _client;
    private readonly string _index;
    private readonly Func<LookupTables> _lookups;
    private readonly PlayBatchPool _pool;
    private readonly PlaySinkOptions _options;
    private readonly Action<string>? _report;
    private readonly ServerRetry _persist;
    private readonly BlockingCollection<object> _queue = new(boundedCapacity: 8);
    private readonly SemaphoreSlim _sending;
    private readonly ConcurrentBag<BulkBodyWriter> _freeBodies = [];
    private readonly List<Task> _inFlight = []; // the worker's alone
    private readonly List<Task> _flushing = []; // the worker's alone: flushes waiting for their requests
    private readonly ArrayBufferWriter<byte> _item = new(1024); // one play's two lines, before they go into a body
    private readonly Task _worker;
    private LoadRefreshPause? _refreshPause;
    private EsRequestShapes? _shapes;
    private PlayDocumentWriter? _documents;
    private Exception? _failure;
    private long _written;
    private int _disposing;

    /// <param name="report">Hears of a batch that could not be written and is being retried.</param>
    public ElasticsearchPlaySink(ElasticsearchClient client, string index, Func<LookupTables> lookups, PlayBatchPool pool, Action<string>? report = null, PlaySinkOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= PlaySinkOptions.Default;
        options.Validate();
        _client = client;
        _index = index;
        _lookups = lookups;
        _pool = pool;
        _options = options;
        _report = report;
        // A cluster that is down (the client's own retries exhausted) is waited for, with growing
        // pauses, instead of dropping the plays: the queue fills and the consumer slows down. Once
        // the sink is being disposed, the client's own retries are the last.
        _persist = new ServerRetry(
            report ?? (_ => { }),
            retryOn: e => e is ElasticsearchException && Volatile.Read(ref _disposing) == 0);
        _sending = new SemaphoreSlim(options.Concurrency);
        _worker = Task.Run(Loop);
    }

    public long PlaysWritten => Interlocked.Read(ref _written);

    /// <summary>Creates the plays index unless it exists, then stops its own refreshes for the load (see <see cref="LoadRefreshPause"/>).</summary>
    public async Task EnsureIndexAsync(CancellationToken cancellationToken = default)
    {
        await _client.EnsureIndexAsync(_index, PlaystreamIndices.PlaysMapping(), cancellationToken).ConfigureAwait(false);
        if (_options.RefreshAtFlushes && Volatile.Read(ref _refreshPause) is null)
            Volatile.Write(ref _refreshPause, await LoadRefreshPause.BeginAsync(_client, _index, cancellationToken).ConfigureAwait(false));
    }

    public void Write(PlayBatch batch)
    {
        if (Failure is { } failure)
            throw new ElasticsearchException($"writing plays to {_index} failed: {failure.Message}", failure);
        _queue.Add(batch);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(done, cancellationToken);
        return done.Task;
    }

    /// <summary>The play's id: its source and position, e.g. <c>realtime-2-1043</c>.</summary>
    public static string DocumentId(string source, long position) => PlayDocumentWriter.DocumentId(source, position);

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposing, 1);
        _queue.CompleteAdding();
        await _worker.ConfigureAwait(false);
        if (Volatile.Read(ref _refreshPause) is { } pause)
        {
            try
            {
                await pause.EndAsync().ConfigureAwait(false);
            }
            catch (ElasticsearchException e)
            {
                _report?.Invoke($"could not put back the refresh interval of {_index} ({e.Message}): the next run puts it back");
            }
        }
        _queue.Dispose();
        _sending.Dispose();
        _documents?.Dispose();
        foreach (var body in _freeBodies)
            body.Dispose();
    }

    private Exception? Failure => Volatile.Read(ref _failure);

    private void Fail(Exception failure) => Interlocked.CompareExchange(ref _failure, failure, null);

    private async Task Loop()
    {
        BulkBodyWriter? body = null;
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            switch (item)
            {
                case PlayBatch batch:
                    try
                    {
                        if (Failure is null)
                            body = await AppendAsync(batch, body).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        Fail(ex);
                    }
                    finally
                    {
                        _pool.Return(batch);
                    }
                    break;
                case TaskCompletionSource flush:
                    await SendWrittenAsync(body).ConfigureAwait(false);
                    body = null;
                    _flushing.RemoveAll(t => t.IsCompleted);
                    _flushing.Add(CompleteFlushAsync(flush, [.. _inFlight]));
                    break;
            }
        }
        await SendAllAsync(body).ConfigureAwait(false);
        await Task.WhenAll(_flushing).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends a flush once the requests holding its plays are answered, then refreshes. The worker
    /// goes on with the plays after the flush meanwhile: a member that reads on while a flush is
    /// stored (as <c>process</c> does) keeps the server's write threads busy through the wait
    /// and the refresh.
    /// </summary>
    private async Task CompleteFlushAsync(TaskCompletionSource flush, Task[] requests)
    {
        await Task.WhenAll(requests).ConfigureAwait(false);
        if (Failure is null && Volatile.Read(ref _refreshPause) is { } pause)
            await RefreshAsync(pause).ConfigureAwait(false);
        if (Failure is { } failure) flush.TrySetException(failure);
        else flush.TrySetResult();
    }

    /// <summary>Writes the batch's plays into bodies, sending each body as it fills; returns the body left unfilled.</summary>
    private async Task<BulkBodyWriter> AppendAsync(PlayBatch batch, BulkBodyWriter? body)
    {
        _shapes ??= await PersistAsync("reading the server's version", _client.GetShapesAsync).ConfigureAwait(false);
        _documents ??= new PlayDocumentWriter(_shapes, _index);
        var lookups = _lookups();
        var ingest = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var (maxBytes, maxDocuments) = _client.BulkLimits;
        body ??= RentBody();
        for (var i = 0; i < batch.Count; i++)
        {
            _item.Clear();
            _documents.Write(_item, batch, i, lookups, ingest);
            if (body.Count > 0 && body.Bytes + _item.WrittenCount > maxBytes)
            {
                await DispatchAsync(body).ConfigureAwait(false);
                body = RentBody();
            }
            body.AppendItem(_item.WrittenSpan);
            if (body.Count >= maxDocuments)
            {
                await DispatchAsync(body).ConfigureAwait(false);
                body = RentBody();
            }
        }
        return body;
    }

    // At most Concurrency bodies are in flight and one is being written: the writer waits in
    // DispatchAsync while all are out, so bodies are never made past that.
    private BulkBodyWriter RentBody() =>
        _freeBodies.TryTake(out var body) ? body : new BulkBodyWriter(_shapes!, _index, _client.BulkLimits.MaxBytes);

    /// <summary>Sends the body once fewer than <see cref="PlaySinkOptions.Concurrency"/> requests are in flight.</summary>
    private async Task DispatchAsync(BulkBodyWriter body)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        _inFlight.RemoveAll(t => t.IsCompleted);
        _inFlight.Add(SendAsync(body));
    }

    /// <summary>Sends what is written, without waiting for an answer; the body is the sink's again.</summary>
    private async Task SendWrittenAsync(BulkBodyWriter? body)
    {
        if (body is null)
            return;
        if (body.Count > 0)
            await DispatchAsync(body).ConfigureAwait(false);
        else
            _freeBodies.Add(body);
    }

    /// <summary>Sends what is written and waits for every request in flight.</summary>
    private async Task SendAllAsync(BulkBodyWriter? body)
    {
        await SendWrittenAsync(body).ConfigureAwait(false);
        await Task.WhenAll(_inFlight).ConfigureAwait(false);
        _inFlight.Clear();
    }

    private async Task SendAsync(BulkBodyWriter body)
    {
        try
        {
            if (Failure is null)
            {
                var result = await PersistAsync("indexing plays", token => _client.SendBulkAsync(body, _index, token)).ConfigureAwait(false);
                if (result.HasFailures)
                    throw new ElasticsearchException($"{result.Failures.Count} play(s) refused, first {result.Failures[0].Id}: {result.Failures[0].Reason}");
                Interlocked.Add(ref _written, result.Indexed);
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            body.Clear();
            _freeBodies.Add(body);
            _sending.Release();
        }
    }

    private Task<T> PersistAsync<T>(string what, Func<CancellationToken, Task<T>> attempt) =>
        _persist.RunAsync($"{what} into {_index}", attempt, CancellationToken.None);

    // The plays are stored whatever the refresh does: a failed one is said and the next flush refreshes again.
    private async Task RefreshAsync(LoadRefreshPause pause)
    {
        try
        {
            await pause.RefreshAsync().ConfigureAwait(false);
        }
        catch (ElasticsearchException e)
        {
            _report?.Invoke($"refreshing {_index} failed ({e.Message}); the plays are stored, the next flush refreshes again");
        }
    }
}
