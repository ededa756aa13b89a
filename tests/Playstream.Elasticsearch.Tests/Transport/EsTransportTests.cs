using System.Net;
using Playstream.TestSupport;

namespace Playstream.Elasticsearch.Tests.Transport;

/// <summary>Whole-request retries, seen through the client's first request (<c>GET /</c>).</summary>
public class EsTransportTests
{
    private readonly InstantTimeProvider _time = new();
    private readonly List<RetryNotice> _notices = [];

    [Fact]
    public async Task Answer_429_then_200_succeeds_after_one_reported_retry()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.TooManyRequests, """{"error":"slow down"}""")
            .Answer(HttpStatusCode.OK, TestClients.Es2Root);
        using var client = Create(handler);

        var info = await client.GetServerInfoAsync();

        Assert.Equal(2, info.MajorVersion);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal([TimeSpan.FromMilliseconds(100)], _time.Waits);
        var notice = Assert.Single(_notices);
        Assert.Equal((429, 2, 4, "server info"), (notice.StatusCode, notice.NextAttempt, notice.MaxAttempts, notice.Operation));
    }

    [Fact]
    public async Task Refused_connections_are_retried_with_doubling_waits()
    {
        var handler = new ScriptedHandler().Refuse().Refuse().Answer(HttpStatusCode.OK, TestClients.Es2Root);
        using var client = Create(handler);

        await client.GetServerInfoAsync();

        Assert.Equal([TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)], _time.Waits);
        Assert.All(_notices, n => Assert.Null(n.StatusCode));
        Assert.StartsWith("elasticsearch unreachable at http://es.test:9200/ (Connection refused), retrying in 100ms", _notices[0].ToString());
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_and_says_so()
    {
        var handler = new ScriptedHandler().Refuse().Refuse().Refuse().Refuse();
        using var client = Create(handler);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.GetServerInfoAsync());

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, _time.Waits.Count);
        Assert.Contains("unreachable after 4 attempts", error.Message);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task A_5xx_on_the_last_attempt_is_reported_with_its_status()
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.BadGateway, "bad gateway").Answer(HttpStatusCode.BadGateway, "bad gateway");
        using var client = TestClients.Create(handler, TestClients.Options(maxAttempts: 2), _time);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.GetServerInfoAsync());

        Assert.Equal(502, error.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var handler = new ScriptedHandler()
            .Then(_ => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout"))
            .Answer(HttpStatusCode.OK, TestClients.Es2Root);
        using var client = Create(handler);

        await client.GetServerInfoAsync();

        Assert.Single(_time.Waits);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_retried()
    {
        using var cancellation = new CancellationTokenSource();
        // The caller cancels while the request is in flight; the handler gives up as a real one would.
        var handler = new ScriptedHandler().Then(_ =>
        {
            cancellation.Cancel();
            throw new TaskCanceledException("cancelled", null, cancellation.Token);
        });
        using var client = Create(handler);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetServerInfoAsync(cancellation.Token));

        Assert.Single(handler.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task A_400_is_not_retried()
    {
        var handler = new ScriptedHandler().Answer(HttpStatusCode.BadRequest, """{"error":{"type":"bad","reason":"no"},"status":400}""");
        using var client = Create(handler);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => client.GetServerInfoAsync());

        Assert.Equal(400, error.StatusCode);
        Assert.Single(handler.Requests);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task After_a_refused_connection_the_next_node_is_tried()
    {
        var handler = new ScriptedHandler().Refuse().Answer(HttpStatusCode.OK, TestClients.Es2Root);
        var options = TestClients.Options() with
        {
            Urls = [new Uri("http://node-a:9200"), new Uri("http://node-b:9200")],
        };
        using var client = TestClients.Create(handler, options, _time);

        await client.GetServerInfoAsync();

        Assert.Equal(["node-a", "node-b"], handler.Requests.Select(r => r.Url.Host));
    }

    private ElasticsearchClient Create(ScriptedHandler handler) =>
        TestClients.Create(handler, TestClients.Options() with { OnRetry = _notices.Add }, _time);
}
