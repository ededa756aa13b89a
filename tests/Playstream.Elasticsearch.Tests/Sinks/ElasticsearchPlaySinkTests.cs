using System.Net;
using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.Elasticsearch.Tests.Sinks;

public class ElasticsearchPlaySinkTests
{
    /// <summary>
    /// An Elasticsearch 2.4 that holds the first bulk request until released and answers every
    /// request with each of its documents indexed.
    /// </summary>
    private sealed class HeldFirstBulk : HttpMessageHandler
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _bulks;
        private long _documents;

        public TaskCompletionSource SecondBulkArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long Documents => Interlocked.Read(ref _documents);

        public void Release() => _release.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path == "/")
                return Json("""{"version":{"number":"2.4.1"}}""");
            if (!path.EndsWith("_bulk", StringComparison.Ordinal))
                throw new InvalidOperationException($"unexpected request {request.Method} {path}");
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var documents = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length / 2;
            var number = Interlocked.Increment(ref _bulks);
            if (number == 2)
                SecondBulkArrived.TrySetResult();
            if (number == 1)
                await _release.Task;
            Interlocked.Add(ref _documents, documents);
            var items = string.Join(",", Enumerable.Repeat("""{"index":{"status":201}}""", documents));
            return Json($$"""{"took":1,"errors":false,"items":[{{items}}]}""");
        }

        private static HttpResponseMessage Json(string body) =>
            new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    private static PlayBatch Batch(PlayBatchPool pool, int first, int count)
    {
        var batch = pool.Rent();
        batch.Source = "plays/0";
        for (var i = first; i < first + count; i++)
            batch.Add(new PlayEvent(i, 1, 2, 1_400_000_000 + i, IsMobile: false), "12345"u8, position: i);
        return batch;
    }

    [Fact]
    public async Task A_flush_ends_when_its_plays_are_stored_while_the_plays_after_it_are_already_being_sent()
    {
        using var handler = new HeldFirstBulk();
        using var client = new ElasticsearchClient(new ElasticsearchOptions { MaxBulkDocuments = 10 }, handler);
        var pool = new PlayBatchPool(16);
        var lookups = new LookupTables(new CustomerTable(), new TrackTable());
        await using var sink = new ElasticsearchPlaySink(client, "plays", () => lookups, pool,
            options: new PlaySinkOptions { Concurrency = 2, RefreshAtFlushes = false });

        Task flushed;
        try
        {
            sink.Write(Batch(pool, 0, 10));
            flushed = sink.FlushAsync();
            sink.Write(Batch(pool, 10, 10));

            // The request after the flush goes out while the flush's own request is still unanswered.
            await handler.SecondBulkArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.False(flushed.IsCompleted, "the flush ended before its plays were stored");
        }
        finally
        {
            // Also when the test fails, so that the sink can be disposed.
            handler.Release();
        }
        await flushed.WaitAsync(TimeSpan.FromSeconds(10));
        await sink.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(20, sink.PlaysWritten);
        Assert.Equal(20, handler.Documents);
    }
}
