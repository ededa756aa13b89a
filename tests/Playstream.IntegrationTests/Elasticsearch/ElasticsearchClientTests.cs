using System.Text;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Bulk;
using Playstream.Elasticsearch.Mapping;

namespace Playstream.IntegrationTests.Elasticsearch;

[Collection(ElasticsearchCollection.Name)]
public sealed class ElasticsearchClientTests : IAsyncLifetime
{
    private static readonly IndexMapping ProfileMapping = new IndexMapping()
        .Add("customer_id", FieldType.Long)
        .Add("city", FieldType.Keyword)
        .Add("plays", FieldType.Long)
        .Add("share", FieldType.Double)
        .Add("window_start", FieldType.Date)
        .Add("mobile", FieldType.Boolean);

    private readonly ElasticsearchServer _server;
    private readonly ElasticsearchClient _client;
    private readonly string _index;

    public ElasticsearchClientTests(ElasticsearchServer server)
    {
        _server = server;
        _client = server.CreateClient();
        _index = ElasticsearchServer.NewIndexName("client");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _client.DeleteIndexAsync(_index);
        _client.Dispose();
    }

    [Fact]
    public async Task Detects_the_server_version()
    {
        var info = await _client.GetServerInfoAsync();

        Assert.Equal(_server.Info, info);
        Assert.True(info.MajorVersion >= 2, $"unexpected version {info.Version}");
    }

    [Fact]
    public async Task Creates_an_index_once()
    {
        Assert.True(await _client.EnsureIndexAsync(_index, ProfileMapping));
        Assert.False(await _client.EnsureIndexAsync(_index, ProfileMapping));
    }

    [Fact]
    public async Task Lists_the_indices_with_a_prefix_and_not_the_others()
    {
        var other = _index + "-other";
        await _client.EnsureIndexAsync(_index + "-b", ProfileMapping);
        await _client.EnsureIndexAsync(_index + "-a", ProfileMapping);
        try
        {
            Assert.Equal([_index + "-a", _index + "-b"], await _client.ListIndicesAsync(_index + "-"));
            Assert.Empty(await _client.ListIndicesAsync(other));
        }
        finally
        {
            await _client.DeleteIndexAsync(_index + "-a");
            await _client.DeleteIndexAsync(_index + "-b");
        }
        Assert.Empty(await _client.ListIndicesAsync(_index + "-"));
    }

    [Fact]
    public async Task Bulk_of_10k_counts_10k_and_the_same_ids_again_replace_rather_than_add()
    {
        await _client.EnsureIndexAsync(_index, ProfileMapping);

        var first = await _client.BulkIndexAsync(_index, Profiles(10_000, playsOffset: 0));
        await _client.RefreshAsync(_index);
        long countAfterFirst = await _client.CountAsync(_index);

        var second = await _client.BulkIndexAsync(_index, Profiles(10_000, playsOffset: 1000));
        await _client.RefreshAsync(_index);
        long countAfterSecond = await _client.CountAsync(_index);

        Assert.Equal((10_000L, 0, 2), (first.Indexed, first.Failures.Count, first.Requests));
        Assert.Equal(10_000, countAfterFirst);
        Assert.Equal((10_000L, 0), (second.Indexed, second.Failures.Count));
        Assert.Equal(10_000, countAfterSecond);
    }

    [Fact]
    public async Task SearchAll_returns_every_document_once_with_its_latest_source()
    {
        await _client.EnsureIndexAsync(_index, ProfileMapping);
        await _client.BulkIndexAsync(_index, Profiles(2_500, playsOffset: 0));
        await _client.BulkIndexAsync(_index, Profiles(2_500, playsOffset: 1000));
        await _client.RefreshAsync(_index);

        var plays = new Dictionary<string, long>();
        await foreach (var hit in _client.SearchAllAsync(_index, pageSize: 700))
        {
            Assert.True(plays.TryAdd(hit.Id, hit.Source.GetProperty("plays").GetInt64()), $"{hit.Id} returned twice");
        }

        Assert.Equal(2_500, plays.Count);
        for (int i = 0; i < 2_500; i++)
        {
            Assert.Equal(1000 + (i % 7), plays[i.ToString()]);
        }
    }

    [Fact]
    public async Task A_bad_field_value_is_a_reported_item_failure_and_the_rest_is_indexed()
    {
        await _client.EnsureIndexAsync(_index, ProfileMapping);
        BulkDocument[] documents =
        [
            Json("ok-1", """{"customer_id":1,"plays":3}"""),
            Json("bad", """{"customer_id":2,"plays":"not a number"}"""),
            Json("ok-2", """{"customer_id":3,"plays":4}"""),
        ];

        var result = await _client.BulkIndexAsync(_index, documents);
        await _client.RefreshAsync(_index);

        Assert.Equal(2, result.Indexed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("bad", 400, false), (failure.Id, failure.Status, failure.IsRetryable));
        Assert.Equal("mapper_parsing_exception", failure.ErrorType);
        Assert.Contains("plays", failure.Reason);
        Assert.Equal(2, await _client.CountAsync(_index));
    }

    [Fact]
    public async Task Keyword_fields_are_matched_whole_not_by_word()
    {
        await _client.EnsureIndexAsync(_index, ProfileMapping);
        string[] cities = ["New York", "New York", "York", "New Haven"];
        await _client.BulkIndexAsync(_index, cities.Select((city, i) => Json(i.ToString(), $$"""{"city":"{{city}}"}""")));
        await _client.RefreshAsync(_index);

        using var exact = await _client.SearchAsync(_index, """{"size":0,"query":{"term":{"city":"New York"}}}""");
        using var word = await _client.SearchAsync(_index, """{"size":0,"query":{"term":{"city":"york"}}}""");
        using var terms = await _client.SearchAsync(_index, """{"size":0,"aggs":{"cities":{"terms":{"field":"city"}}}}""");

        Assert.Equal(2, EsRequestShapes.ReadTotalHits(exact.RootElement.GetProperty("hits")));
        Assert.Equal(0, EsRequestShapes.ReadTotalHits(word.RootElement.GetProperty("hits")));
        var buckets = terms.RootElement.GetProperty("aggregations").GetProperty("cities").GetProperty("buckets")
            .EnumerateArray()
            .ToDictionary(b => b.GetProperty("key").GetString()!, b => b.GetProperty("doc_count").GetInt64());
        Assert.Equal(new Dictionary<string, long> { ["New York"] = 2, ["York"] = 1, ["New Haven"] = 1 }, buckets);
    }

    [Fact]
    public async Task Small_bulk_limits_split_requests_and_lose_nothing()
    {
        using var client = _server.CreateClient(maxBulkDocuments: 100);
        await client.EnsureIndexAsync(_index, ProfileMapping);

        var result = await client.BulkIndexAsync(_index, Profiles(1_050, playsOffset: 0));
        await client.RefreshAsync(_index);

        Assert.Equal((1_050L, 11), (result.Indexed, result.Requests));
        Assert.Equal(1_050, await client.CountAsync(_index));
    }

    [Fact]
    public async Task Deleting_an_index_says_whether_there_was_one()
    {
        await _client.EnsureIndexAsync(_index, ProfileMapping);

        Assert.True(await _client.DeleteIndexAsync(_index));
        Assert.False(await _client.DeleteIndexAsync(_index));
    }

    private static IEnumerable<BulkDocument> Profiles(int count, int playsOffset)
    {
        for (int i = 0; i < count; i++)
        {
            string json = $$"""{"customer_id":{{i}},"city":"City {{i % 13}}","plays":{{playsOffset + (i % 7)}},"share":0.25,"window_start":"2024-03-01T10:05:00Z","mobile":{{(i % 2 == 0 ? "true" : "false")}}}""";
            yield return Json(i.ToString(), json);
        }
    }

    private static BulkDocument Json(string id, string json) => new(id, Encoding.UTF8.GetBytes(json));
}
