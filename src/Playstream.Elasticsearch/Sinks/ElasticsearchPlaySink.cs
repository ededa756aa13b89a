using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Playstream.Core.Export;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Enriched plays into the plays index. Each play's id is its source position
/// (<c>topic/partition</c> and offset, or file and line), so a replay overwrites instead of
/// duplicating. Batches are sent on a background task; the bounded queue makes a slow
/// cluster slow the consumer down instead of buffering without end.
/// </summary>
public sealed class ElasticsearchPlaySink : IPlaySink
{
    private readonly ElasticsearchClient _client;
    private readonly string _index;
    private readonly Func<LookupTables> _lookups;
    private readonly PlayBatchPool _pool;
    private readonly BlockingCollection<object> _queue = new(boundedCapacity: 8);
    private readonly Task _worker;
    private Exception? _failure;
    private long _written;

    private readonly Action<string>? _report;

    /// <param name="report">Hears of a batch that could not be written and is being retried.</param>
    public ElasticsearchPlaySink(ElasticsearchClient client, string index, Func<LookupTables> lookups, PlayBatchPool pool, Action<string>? report = null)
    {
        _report = report;
        _client = client;
        _index = index;
        _lookups = lookups;
        _pool = pool;
        _worker = Task.Run(Loop);
    }

    public long PlaysWritten => Interlocked.Read(ref _written);

    public Task EnsureIndexAsync(CancellationToken cancellationToken = default) =>
        _client.EnsureIndexAsync(_index, PlaystreamIndices.PlaysMapping(), cancellationToken);

    public void Write(PlayBatch batch)
    {
        if (_failure is { } failure)
            throw new ElasticsearchException($"writing plays to {_index} failed: {failure.Message}", failure);
        _queue.Add(batch);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add(done, cancellationToken);
        return done.Task;
    }

    private async Task Loop()
    {
        foreach (var item in _queue.GetConsumingEnumerable())
        {
            switch (item)
            {
                case PlayBatch batch:
                    try
                    {
                        if (_failure is null)
                            await IndexUntilDoneAsync(batch).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        _failure ??= ex;
                    }
                    finally
                    {
                        _pool.Return(batch);
                    }
                    break;
                case TaskCompletionSource flush:
                    if (_failure is null) flush.TrySetResult();
                    else flush.TrySetException(_failure);
                    break;
            }
        }
    }

    /// <summary>
    /// A cluster that is down (the client's own retries exhausted) is waited for, with growing
    /// pauses, instead of dropping the batch: the queue fills and the consumer slows down.
    /// Plays the cluster refuses for their content are an error that stops the sink.
    /// </summary>
    private async Task IndexUntilDoneAsync(PlayBatch batch)
    {
        var documents = Documents(batch);
        for (var attempt = 1; ; attempt++)
        {
            BulkResult result;
            try
            {
                result = await _client.BulkIndexAsync(_index, documents).ConfigureAwait(false);
            }
            catch (ElasticsearchException ex) when (_disposing == 0)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt - 1, 5)));
                _report?.Invoke($"indexing plays into {_index} failed ({ex.Message}); retrying in {delay.TotalSeconds:0}s");
                await Task.Delay(delay).ConfigureAwait(false);
                continue;
            }
            if (result.HasFailures)
                throw new ElasticsearchException($"{result.Failures.Count} play(s) refused, first {result.Failures[0].Id}: {result.Failures[0].Reason}");
            Interlocked.Add(ref _written, result.Indexed);
            return;
        }
    }

    private int _disposing;

    private List<BulkDocument> Documents(PlayBatch batch)
    {
        var lookups = _lookups();
        var ingest = IsoTime.Format(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var documents = new List<BulkDocument>(batch.Count);
        var buffer = new ArrayBufferWriter<byte>(batch.Count * 320);
        using var json = new Utf8JsonWriter(buffer);
        var ends = new int[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            ref readonly var play = ref batch[i];
            json.WriteStartObject();
            json.WriteString("@timestamp", IsoTime.Format(play.Time));
            json.WriteString("ingest_time", ingest);
            json.WriteNumber("event_id", play.EventId);
            json.WriteNumber("customer_id", play.CustomerId);
            json.WriteNumber("track_id", play.TrackId);
            json.WriteBoolean("ismobile", play.IsMobile);
            json.WriteString("listening_zip_code", Encoding.UTF8.GetString(batch.Zip(i)));
            json.WriteString("source", batch.Source);
            json.WriteNumber("position", batch.Position(i));
            if (lookups.Customers.Get(play.CustomerId) is { } c)
            {
                json.WriteStartObject("customer");
                json.WriteString("name", c.Name);
                json.WriteString("gender", c.Gender);
                json.WriteString("level", c.Level);
                json.WriteString("zip", c.Zip);
                json.WriteString("status", c.Status);
                if (c.Age is not null) json.WriteString("age", c.Age);
                json.WriteEndObject();
            }
            if (lookups.Tracks.Get(play.TrackId) is { } t)
            {
                json.WriteStartObject("track");
                json.WriteString("title", t.Title);
                json.WriteString("artist", t.Artist);
                json.WriteNumber("length", t.Length);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.Flush();
            ends[i] = buffer.WrittenCount;
            // One object after another into one buffer, each a document of its own: a reset
            // writer starts the next without the separator it would put between array items.
            json.Reset(buffer);
        }
        var memory = buffer.WrittenMemory;
        for (var i = 0; i < batch.Count; i++)
        {
            var start = i == 0 ? 0 : ends[i - 1];
            documents.Add(new BulkDocument(DocumentId(batch.Source, batch.Position(i)), memory[start..ends[i]]));
        }
        return documents;
    }

    /// <summary>The play's id: its source and position, e.g. <c>realtime-2-1043</c>.</summary>
    public static string DocumentId(string source, long position) => $"{source.Replace('/', '-')}-{position}";

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposing, 1);
        _queue.CompleteAdding();
        await _worker.ConfigureAwait(false);
        _queue.Dispose();
    }
}
