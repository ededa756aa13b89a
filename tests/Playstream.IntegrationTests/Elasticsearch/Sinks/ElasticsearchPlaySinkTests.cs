using System.Text;
using System.Text.Json;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Mapping;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.IntegrationTests.Elasticsearch.Sinks;

/// <summary>
/// The plays sink against the real Elasticsearch of the local stack: bodies cut at the client's
/// limits, requests side by side, items and requests retried, the index's refresh interval
/// paused for the load and put back after it.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ElasticsearchPlaySinkTests(ElasticsearchServer server) : IAsyncLifetime
{
    private readonly string _index = ElasticsearchServer.NewIndexName("play-sink");
    private readonly List<string> _reports = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var client = server.CreateClient();
        await client.DeleteIndexAsync(_index);
    }

    [Fact]
    public async Task Bodies_hold_at_most_the_clients_documents_and_every_play_is_indexed_once()
    {
        var handler = new CountingHandler();
        using var client = new ElasticsearchClient(server.Options(maxBulkDocuments: 7), handler);

        await Load(client, 50, batchSize: 20);

        // 50 plays in batches of 20, 7 to a body: bodies go on across batches (cut at each batch's end they would hold 7, 7, 6, 7, 7, 6, 7, 3).
        Assert.Equal([1, 7, 7, 7, 7, 7, 7, 7], handler.Bulks.Select(Items).Order());
        Assert.Equal(Ids(50), handler.Bulks.SelectMany(IdsIn).Order());
        Assert.Equal(Ids(50), await StoredIds(client));
    }

    [Fact]
    public async Task Bodies_hold_at_most_the_clients_bytes()
    {
        var handler = new CountingHandler();
        using var client = new ElasticsearchClient(server.Options() with { MaxBulkBytes = 2_000 }, handler);

        await Load(client, 40, batchSize: 40, new PlaySinkOptions { Concurrency = 1 });

        Assert.True(handler.Bulks.Count > 1);
        Assert.All(handler.Bulks, body => Assert.InRange(Encoding.UTF8.GetByteCount(body), 1, 2_000));
        // A body is cut only where the next play would not fit.
        for (var i = 0; i + 1 < handler.Bulks.Count; i++)
            Assert.True(Encoding.UTF8.GetByteCount(handler.Bulks[i]) + FirstItemBytes(handler.Bulks[i + 1]) > 2_000);
        Assert.Equal(Ids(40), await StoredIds(client));
    }

    [Fact]
    public async Task Requests_go_side_by_side_up_to_the_concurrency_and_no_further()
    {
        var handler = new CountingHandler { Hold = TimeSpan.FromMilliseconds(300) };
        using var client = new ElasticsearchClient(server.Options(maxBulkDocuments: 5), handler);

        await Load(client, 40, batchSize: 40, new PlaySinkOptions { Concurrency = 2 });

        Assert.Equal(8, handler.Bulks.Count);
        Assert.Equal(2, handler.MostInFlight);
        Assert.Equal(Ids(40), await StoredIds(client));
    }

    [Fact]
    public async Task Items_refused_with_429_and_a_dead_connection_are_sent_again_and_indexed_once()
    {
        // The first bulk is refused item by item, the second finds the connection dead: both are sent again.
        var handler = new CountingHandler
        {
            Interfere = (n, body) => n switch
            {
                1 => CountingHandler.RefuseAll(body),
                2 => throw new HttpRequestException("Connection refused"),
                _ => null,
            },
        };
        using var client = new ElasticsearchClient(server.Options(maxBulkDocuments: 10), handler);

        await Load(client, 20, batchSize: 20, new PlaySinkOptions { Concurrency = 1 });

        Assert.Equal(2, handler.Bulks.Count);
        Assert.Equal(Ids(20), handler.Bulks.SelectMany(IdsIn).Order());
        Assert.Equal(Ids(20), await StoredIds(client));
    }

    [Fact]
    public async Task A_cluster_away_longer_than_the_clients_retries_is_waited_for_and_said()
    {
        // The client tries 3 times; the first 4 attempts find no server: the sink waits, says so, and tries again.
        var handler = new CountingHandler { Interfere = (n, _) => n <= 4 ? throw new HttpRequestException("Connection refused") : null };
        using var client = new ElasticsearchClient(server.Options(), handler);

        await Load(client, 10, batchSize: 10);

        Assert.Contains(_reports, r => r.StartsWith($"indexing plays into {_index} failed", StringComparison.Ordinal) && r.EndsWith("retrying in 1s", StringComparison.Ordinal));
        Assert.Equal(Ids(10), await StoredIds(client));
    }

    [Fact]
    public async Task The_index_refreshes_only_at_flushes_during_the_load_and_gets_its_interval_back()
    {
        using var client = server.CreateClient();
        await client.EnsureIndexAsync(_index, PlaystreamIndices.PlaysMapping());
        await client.SetRefreshIntervalAsync(_index, "7s");
        var pool = new PlayBatchPool(16);
        var sink = new ElasticsearchPlaySink(client, _index, LookupTables.Empty, pool, _reports.Add);

        await sink.EnsureIndexAsync();
        Assert.Equal("-1", await client.GetRefreshIntervalAsync(_index));
        sink.Write(Batch(pool, 0, 16));
        await sink.FlushAsync();
        // Searchable after the flush, though the index no longer refreshes by itself.
        Assert.Equal(16, await client.CountAsync(_index));
        sink.Write(Batch(pool, 16, 4));
        await sink.DisposeAsync();

        Assert.Equal("7s", await client.GetRefreshIntervalAsync(_index));
        Assert.Equal(20, await client.CountAsync(_index));
    }

    [Fact]
    public async Task An_interval_left_at_never_by_a_run_that_died_becomes_the_servers_default()
    {
        using var client = server.CreateClient();
        await client.EnsureIndexAsync(_index, PlaystreamIndices.PlaysMapping());
        await client.SetRefreshIntervalAsync(_index, "-1");
        var sink = new ElasticsearchPlaySink(client, _index, LookupTables.Empty, new PlayBatchPool(), _reports.Add);

        await sink.EnsureIndexAsync();
        await sink.DisposeAsync();

        // 2.x cannot reset a setting: its default, 1s, is set; 5+ drop the setting.
        Assert.Equal(server.Info.MajorVersion < 5 ? "1s" : null, await client.GetRefreshIntervalAsync(_index));
    }

    [Fact]
    public async Task Without_the_pause_the_interval_is_left_alone()
    {
        using var client = server.CreateClient();
        await client.EnsureIndexAsync(_index, PlaystreamIndices.PlaysMapping());
        await client.SetRefreshIntervalAsync(_index, "7s");
        var sink = new ElasticsearchPlaySink(client, _index, LookupTables.Empty, new PlayBatchPool(), _reports.Add, new PlaySinkOptions { RefreshAtFlushes = false });

        await sink.EnsureIndexAsync();
        Assert.Equal("7s", await client.GetRefreshIntervalAsync(_index));
        await sink.DisposeAsync();
        Assert.Equal("7s", await client.GetRefreshIntervalAsync(_index));
    }

    [Fact]
    public async Task Plays_the_index_refuses_stop_the_sink_with_the_reason()
    {
        using var client = server.CreateClient();
        // A mapping that cannot take the plays' zip codes.
        await client.EnsureIndexAsync(_index, new IndexMapping().Add("listening_zip_code", FieldType.Long));
        var pool = new PlayBatchPool(4);
        var sink = new ElasticsearchPlaySink(client, _index, LookupTables.Empty, pool, _reports.Add);
        await sink.EnsureIndexAsync();

        var batch = pool.Rent();
        batch.Source = "realtime/0";
        batch.Add(new PlayEvent(1, 2, 3, 0, false), "not a number"u8, 5);
        sink.Write(batch);
        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => sink.FlushAsync());

        Assert.Contains("1 play(s) refused, first realtime-0-5", error.Message);
        Assert.Throws<ElasticsearchException>(() => sink.Write(pool.Rent()));
        await sink.DisposeAsync();
    }

    private async Task Load(ElasticsearchClient client, int plays, int batchSize, PlaySinkOptions? options = null)
    {
        var pool = new PlayBatchPool(batchSize);
        var sink = new ElasticsearchPlaySink(client, _index, LookupTables.Empty, pool, _reports.Add, options);
        await sink.EnsureIndexAsync();
        for (var start = 0; start < plays; start += batchSize)
            sink.Write(Batch(pool, start, Math.Min(batchSize, plays - start)));
        await sink.FlushAsync();
        await sink.DisposeAsync();
        Assert.Equal(plays, sink.PlaysWritten);
    }

    private static PlayBatch Batch(PlayBatchPool pool, int start, int count)
    {
        var batch = pool.Rent();
        batch.Source = "realtime/1";
        for (var i = start; i < start + count; i++)
            batch.Add(new PlayEvent(i, 1 + i % 7, 10 + i % 3, 1_412_157_600 + i, i % 2 == 0), Encoding.UTF8.GetBytes($"{10_000 + i}"), i);
        return batch;
    }

    private static string[] Ids(int count) => [.. Enumerable.Range(0, count).Select(i => $"realtime-1-{i}").Order()];

    private async Task<string[]> StoredIds(ElasticsearchClient client)
    {
        await client.RefreshAsync(_index);
        var ids = new List<string>();
        await foreach (var hit in client.SearchAllAsync(_index))
            ids.Add(hit.Id);
        return [.. ids.Order()];
    }

    private static int Items(string body) => body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length / 2;

    private static IEnumerable<string> IdsIn(string body) =>
        body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 0)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("index").GetProperty("_id").GetString()!);

    private static int FirstItemBytes(string body)
    {
        var lines = body.Split('\n');
        return Encoding.UTF8.GetByteCount(lines[0]) + 1 + Encoding.UTF8.GetByteCount(lines[1]) + 1;
    }

    private static readonly string[] ReplayedLines =
    [
        "0,1,10,\"2014-10-01 08:00:00\",1,\"72132\"",
        "1,1,10,\"2014-10-01 08:10:00\",0,\"72132\"",
        "2,1,10,\"2014-10-01 08:29:59\",1,\"72132\"",
    ];

    [Fact]
    public async Task Plays_are_indexed_once_under_their_source_position_even_when_replayed()
    {
        var index = ElasticsearchServer.NewIndexName("plays");
        using var client = server.CreateClient();
        var customers = new CustomerTable();
        customers.Set(new Customer(1, "Ann Lee", "0", "1 Main St", "72132", "01/02/2013", "1", "2", "1", "0", "33"));
        var tracks = new TrackTable();
        tracks.Set(new Track(10, "Hold On Loosely", ".38 Special", 253));
        var lookups = new LookupTables(customers, tracks);
        var pool = new PlayBatchPool();
        var sink = new ElasticsearchPlaySink(client, index, () => lookups, pool);
        await sink.EnsureIndexAsync();

        for (var replay = 0; replay < 2; replay++)
        {
            var batch = pool.Rent();
            batch.Source = "realtime/2";
            for (var offset = 0; offset < 3; offset++)
            {
                Assert.True(EventParser.TryParse(System.Text.Encoding.UTF8.GetBytes(ReplayedLines[offset]), out var play, out var zip, out _));
                batch.Add(play, System.Text.Encoding.UTF8.GetBytes(ReplayedLines[offset])[zip], 100 + offset);
            }
            sink.Write(batch);
            await sink.FlushAsync();
        }
        await sink.DisposeAsync();
        await client.RefreshAsync(index);

        Assert.Equal(3, await client.CountAsync(index));
        var hits = new List<SearchHit>();
        await foreach (var hit in client.SearchAllAsync(index))
            hits.Add(hit);
        Assert.Equal(["realtime-2-100", "realtime-2-101", "realtime-2-102"], hits.Select(h => h.Id).Order().ToArray());
        var first = hits.Single(h => h.Id == "realtime-2-100").Source;
        Assert.Equal("2014-10-01T08:00:00Z", first.GetProperty("@timestamp").GetString());
        Assert.Equal("Ann Lee", first.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal(".38 Special", first.GetProperty("track").GetProperty("artist").GetString());
        Assert.True(first.GetProperty("ismobile").GetBoolean());
        Assert.Equal("72132", first.GetProperty("listening_zip_code").GetString());
        await client.DeleteIndexAsync(index);
    }
}
