using System.Net;
using System.Text;
using Playstream.Elasticsearch.Bulk;
using Playstream.Elasticsearch.Tests.Transport;
using Playstream.TestSupport;

namespace Playstream.Elasticsearch.Tests.Bulk;

/// <summary>Bulk indexing through the client against a scripted server (Elasticsearch 8 shapes).</summary>
public class BulkIndexerTests
{
    private const string AllIndexed = """{"took":1,"errors":false,"items":[]}""";

    private readonly InstantTimeProvider _time = new();

    [Fact]
    public async Task Documents_are_split_by_count()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, AllIndexed).Answer(HttpStatusCode.OK, AllIndexed).Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options() with { MaxBulkDocuments = 2 }, _time);

        var result = await client.BulkIndexAsync("p", Docs(5));

        Assert.Equal(5, result.Indexed);
        Assert.Equal(3, result.Requests);
        Assert.Equal([["1", "2"], ["3", "4"], ["5"]], BulkBodies(handler).Select(IdsIn).ToArray());
    }

    [Fact]
    public async Task Documents_are_split_by_bytes()
    {
        // Each document adds 43 bytes: {"index":{"_index":"p","_id":"N"}} (34), {"v":N} (7), two newlines.
        // 100 bytes hold two of them, not three.
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, AllIndexed).Answer(HttpStatusCode.OK, AllIndexed).Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options() with { MaxBulkBytes = 100 }, _time);

        var result = await client.BulkIndexAsync("p", Docs(5));

        Assert.Equal(3, result.Requests);
        Assert.Equal([["1", "2"], ["3", "4"], ["5"]], BulkBodies(handler).Select(IdsIn).ToArray());
        Assert.All(BulkBodies(handler), body => Assert.True(Encoding.UTF8.GetByteCount(body) <= 100));
    }

    [Fact]
    public async Task A_document_larger_than_the_limit_goes_alone()
    {
        var big = new BulkDocument("big", Encoding.UTF8.GetBytes($"{{\"s\":\"{new string('x', 200)}\"}}"));
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, AllIndexed).Answer(HttpStatusCode.OK, AllIndexed).Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options() with { MaxBulkBytes = 100 }, _time);

        var result = await client.BulkIndexAsync("p", [Doc("1"), big, Doc("2")]);

        Assert.Equal(3, result.Indexed);
        Assert.Equal([["1"], ["big"], ["2"]], BulkBodies(handler).Select(IdsIn).ToArray());
    }

    [Fact]
    public async Task Only_items_refused_with_429_are_sent_again()
    {
        string firstAnswer = """{"errors":true,"items":[{"index":{"_id":"1","status":201}},{"index":{"_id":"2","status":429,"error":{"type":"es_rejected_execution_exception","reason":"queue full"}}},{"index":{"_id":"3","status":201}}]}""";
        var notices = new List<RetryNotice>();
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, firstAnswer).Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options() with { OnRetry = notices.Add }, _time);

        var result = await client.BulkIndexAsync("p", Docs(3));

        Assert.Equal(3, result.Indexed);
        Assert.Empty(result.Failures);
        Assert.Equal(2, result.Requests);
        Assert.Equal([["1", "2", "3"], ["2"]], BulkBodies(handler).Select(IdsIn).ToArray());
        Assert.Equal("{\"index\":{\"_index\":\"p\",\"_id\":\"2\"}}\n{\"v\":2}\n", BulkBodies(handler)[1]);
        Assert.Equal([TimeSpan.FromMilliseconds(100)], _time.Waits);
        var notice = Assert.Single(notices);
        Assert.Equal(429, notice.StatusCode);
        Assert.Equal(2, notice.NextAttempt);
    }

    [Fact]
    public async Task Items_refused_for_their_content_are_reported_not_retried()
    {
        string answer = """{"errors":true,"items":[{"index":{"_id":"1","status":201}},{"index":{"_id":"2","status":400,"error":{"type":"mapper_parsing_exception","reason":"failed to parse [v]"}}}]}""";
        var handler = TestClients.ServerAnswering(TestClients.Es8Root).Answer(HttpStatusCode.OK, answer);
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var result = await client.BulkIndexAsync("p", Docs(2));

        Assert.Equal(1, result.Indexed);
        Assert.Equal([new BulkItemFailure("2", 400, "mapper_parsing_exception", "failed to parse [v]")], result.Failures);
        Assert.Equal(1, result.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task Items_still_refused_when_attempts_run_out_are_reported()
    {
        string rejected = """{"errors":true,"items":[{"index":{"_id":"1","status":503,"error":{"type":"unavailable_shards_exception","reason":"no primary"}}}]}""";
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, rejected).Answer(HttpStatusCode.OK, rejected);
        using var client = TestClients.Create(handler, TestClients.Options(maxAttempts: 2), _time);

        var result = await client.BulkIndexAsync("p", Docs(1));

        Assert.Equal(0, result.Indexed);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(("1", 503, true), (failure.Id, failure.Status, failure.IsRetryable));
        Assert.Equal(2, result.Requests);
    }

    [Fact]
    public async Task A_document_that_is_not_json_fails_without_being_sent()
    {
        var broken = new BulkDocument("bad", Encoding.UTF8.GetBytes("{\n\"v\":"));
        var handler = TestClients.ServerAnswering(TestClients.Es8Root).Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var result = await client.BulkIndexAsync("p", [Doc("1"), broken]);

        Assert.Equal(1, result.Indexed);
        Assert.Equal(("bad", "invalid_document"), (result.Failures[0].Id, result.Failures[0].ErrorType));
        Assert.Equal([["1"]], BulkBodies(handler).Select(IdsIn).ToArray());
    }

    [Fact]
    public async Task A_whole_request_answered_503_is_sent_again()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es8Root)
            .Answer(HttpStatusCode.ServiceUnavailable, """{"error":"unavailable"}""").Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var result = await client.BulkIndexAsync("p", Docs(2));

        Assert.Equal(2, result.Indexed);
        Assert.Equal(2, BulkBodies(handler).Count);
        Assert.Equal(BulkBodies(handler)[0], BulkBodies(handler)[1]);
    }

    [Fact]
    public async Task A_whole_request_refused_with_400_throws_with_the_reason()
    {
        string refusal = """{"error":{"root_cause":[],"type":"action_request_validation_exception","reason":"Validation Failed: 1: type is missing;"},"status":400}""";
        var handler = TestClients.ServerAnswering(TestClients.Es8Root).Answer(HttpStatusCode.BadRequest, refusal);
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.BulkIndexAsync("p", Docs(1)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("action_request_validation_exception: Validation Failed: 1: type is missing;", error.Message);
    }

    [Fact]
    public async Task Bulk_is_posted_as_ndjson_to_the_bulk_endpoint()
    {
        var handler = TestClients.ServerAnswering(TestClients.Es8Root).Answer(HttpStatusCode.OK, AllIndexed);
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        await client.BulkIndexAsync("p", Docs(1));

        var bulk = handler.Requests[1];
        Assert.Equal((HttpMethod.Post, "/_bulk", "application/x-ndjson"), (bulk.Method, bulk.Url.AbsolutePath, bulk.ContentType));
    }

    private static BulkDocument Doc(string id) => new(id, Encoding.UTF8.GetBytes($"{{\"v\":{id}}}"));

    private static IEnumerable<BulkDocument> Docs(int count) => Enumerable.Range(1, count).Select(i => Doc(i.ToString()));

    private static List<string> BulkBodies(ScriptedHandler handler) =>
        [.. handler.Requests.Where(r => r.Url.AbsolutePath == "/_bulk").Select(r => r.Body!)];

    // The ids named by the action lines (every other line) of a bulk body.
    private static string[] IdsIn(string body) =>
        [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where((_, i) => i % 2 == 0)
            .Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("index").GetProperty("_id").GetString()!)];
}
