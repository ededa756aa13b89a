using System.Net;
using System.Text;
using Playstream.Elasticsearch.Mapping;
using Playstream.Elasticsearch.Tests.Transport;
using Playstream.TestSupport;

namespace Playstream.Elasticsearch.Tests;

public class ElasticsearchClientTests
{
    private readonly InstantTimeProvider _time = new();

    [Fact]
    public async Task EnsureIndex_creates_a_missing_index_with_the_version_shaped_mapping()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es2Root)
            .Answer(HttpStatusCode.NotFound, "")
            .Answer(HttpStatusCode.OK, """{"acknowledged":true}""");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        bool created = await client.EnsureIndexAsync("profiles", new IndexMapping().Add("gender", FieldType.Keyword));

        Assert.True(created);
        Assert.Equal(
            [(HttpMethod.Get, "/"), (HttpMethod.Head, "/profiles"), (HttpMethod.Put, "/profiles")],
            handler.Requests.Select(r => (r.Method, r.Url.AbsolutePath)));
        Assert.Equal(
            """{"mappings":{"doc":{"_all":{"enabled":false},"properties":{"gender":{"type":"string","index":"not_analyzed"}}}}}""",
            handler.Requests[2].Body);
    }

    [Fact]
    public async Task EnsureIndex_leaves_an_existing_index_alone()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es8Root).Answer(HttpStatusCode.OK, "");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        bool created = await client.EnsureIndexAsync("profiles", new IndexMapping().Add("gender", FieldType.Keyword));

        Assert.False(created);
        Assert.DoesNotContain(handler.Requests, r => r.Method == HttpMethod.Put);
    }

    [Fact]
    public async Task EnsureIndex_accepts_losing_a_creation_race()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.NotFound, "")
            .Answer(HttpStatusCode.BadRequest, """{"error":{"type":"resource_already_exists_exception","reason":"index [profiles] already exists"},"status":400}""");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        Assert.False(await client.EnsureIndexAsync("profiles", new IndexMapping()));
    }

    [Fact]
    public async Task EnsureIndex_reports_a_refused_mapping()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es2Root)
            .Answer(HttpStatusCode.NotFound, "")
            .Answer(HttpStatusCode.BadRequest, """{"error":{"type":"mapper_parsing_exception","reason":"No handler for type [keyword] declared on field [g]"},"status":400}""");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(
            () => client.EnsureIndexAsync("profiles", new IndexMapping().Add("g", FieldType.Keyword)));

        Assert.Contains("No handler for type [keyword]", error.Message);
    }

    [Fact]
    public async Task The_server_is_asked_its_version_once()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, """{"count":1}""").Answer(HttpStatusCode.OK, """{"count":2}""");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        await client.GetServerInfoAsync();
        await client.CountAsync("a");
        await client.CountAsync("a");

        Assert.Single(handler.Requests, r => r.Url.AbsolutePath == "/");
    }

    [Fact]
    public async Task Count_reads_the_count()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, """{"count":10000,"_shards":{"total":5,"successful":5,"failed":0}}""");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        Assert.Equal(10000, await client.CountAsync("plays"));
        Assert.Equal("/plays/_count", handler.Requests[0].Url.AbsolutePath);
    }

    [Fact]
    public async Task Count_of_a_missing_index_throws_with_the_status()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.NotFound, """{"error":{"type":"index_not_found_exception","reason":"no such index"},"status":404}""");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.CountAsync("plays"));

        Assert.Equal(404, error.StatusCode);
        Assert.Contains("index_not_found_exception: no such index", error.Message);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, true)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public async Task DeleteIndex_tells_whether_there_was_an_index(HttpStatusCode status, bool expected)
    {
        var handler = new ScriptedHandler().Answer(status, "{}");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        Assert.Equal(expected, await client.DeleteIndexAsync("plays"));
        Assert.Equal(HttpMethod.Delete, handler.Requests[0].Method);
    }

    [Fact]
    public async Task SearchAll_scrolls_through_every_page_then_clears_the_scroll()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, """{"_scroll_id":"s1","hits":{"total":3,"hits":[{"_id":"a","_source":{"n":1}},{"_id":"b","_source":{"n":2}}]}}""")
            .Answer(HttpStatusCode.OK, """{"_scroll_id":"s2","hits":{"total":3,"hits":[{"_id":"c","_source":{"n":3}}]}}""")
            .Answer(HttpStatusCode.OK, """{"_scroll_id":"s3","hits":{"total":3,"hits":[]}}""")
            .Answer(HttpStatusCode.OK, "{}");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var hits = new List<SearchHit>();
        await foreach (var hit in client.SearchAllAsync("plays", pageSize: 2))
        {
            hits.Add(hit);
        }

        Assert.Equal(["a", "b", "c"], hits.Select(h => h.Id));
        Assert.Equal([1, 2, 3], hits.Select(h => h.Source.GetProperty("n").GetInt32()));
        Assert.Equal(
            [
                ("POST", "/plays/_search?scroll=1m", """{"size":2,"sort":["_doc"]}"""),
                ("POST", "/_search/scroll", """{"scroll":"1m","scroll_id":"s1"}"""),
                ("POST", "/_search/scroll", """{"scroll":"1m","scroll_id":"s2"}"""),
                ("DELETE", "/_search/scroll", """{"scroll_id":["s3"]}"""),
            ],
            handler.Requests.Select(r => (r.Method.Method, r.Url.PathAndQuery, r.Body)));
    }

    [Fact]
    public async Task SearchAll_passes_a_query()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, """{"_scroll_id":"s1","hits":{"total":0,"hits":[]}}""")
            .Answer(HttpStatusCode.OK, "{}");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        await foreach (var _ in client.SearchAllAsync("plays", """{"term":{"gender":"F"}}""", pageSize: 10))
        {
        }

        Assert.Equal("""{"size":10,"sort":["_doc"],"query":{"term":{"gender":"F"}}}""", handler.Requests[0].Body);
    }

    [Fact]
    public async Task Basic_authentication_is_sent_on_every_request()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, TestClients.Es8Root);
        using var client = TestClients.Create(handler, TestClients.Options() with { Username = "elastic", Password = "secret" }, _time);

        await client.GetServerInfoAsync();

        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:secret")), handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task An_api_key_is_sent_as_such()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, TestClients.Es8Root);
        using var client = TestClients.Create(handler, TestClients.Options() with { ApiKey = "a2V5OnZhbHVl" }, _time);

        await client.GetServerInfoAsync();

        Assert.Equal("ApiKey a2V5OnZhbHVl", handler.Requests[0].Authorization);
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_its_path()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.OK, """{"count":0}""");
        using var client = TestClients.Create(handler, TestClients.Options() with { Urls = [new Uri("https://proxy.test/search")] }, _time);

        await client.CountAsync("plays");

        Assert.Equal("https://proxy.test/search/plays/_count", handler.Requests[0].Url.ToString());
    }

    [Theory]
    [InlineData("Plays")]
    [InlineData("_all")]
    [InlineData("")]
    public async Task Names_that_are_not_index_names_are_refused_before_sending(string index)
    {
        var handler = new ScriptedHandler();
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.CountAsync(index));
        Assert.Empty(handler.Requests);
    }
}
