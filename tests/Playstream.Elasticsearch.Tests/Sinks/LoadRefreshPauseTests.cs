using System.Net;
using Playstream.Elasticsearch.Sinks;
using Playstream.Elasticsearch.Tests.Transport;
using Playstream.TestSupport;

namespace Playstream.Elasticsearch.Tests.Sinks;

/// <summary>The refresh interval paused for a load and put back after it, as the requests a server sees show it.</summary>
public sealed class LoadRefreshPauseTests
{
    private readonly InstantTimeProvider _time = new();

    private static string Settings(string? interval) => interval is null
        ? """{"plays":{"settings":{}}}"""
        : """{"plays":{"settings":{"index.refresh_interval":""" + $"\"{interval}\"" + "}}}";

    [Fact]
    public async Task The_indexs_own_interval_is_put_back_at_the_end_and_the_index_refreshed()
    {
        // The settings are read before the client first needs the server's version (for the body's shape).
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, Settings("30s"))
            .Answer(HttpStatusCode.OK, TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, """{"acknowledged":true}""")
            .Answer(HttpStatusCode.OK, "{}")
            .Answer(HttpStatusCode.OK, """{"acknowledged":true}""")
            .Answer(HttpStatusCode.OK, "{}");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var pause = await LoadRefreshPause.BeginAsync(client, "plays", CancellationToken.None);
        await pause.RefreshAsync();
        await pause.EndAsync();

        Assert.Equal("30s", pause.Restore);
        Assert.Equal(
            [
                (HttpMethod.Get, "/plays/_settings/index.refresh_interval"), (HttpMethod.Get, "/"),
                (HttpMethod.Put, "/plays/_settings"), (HttpMethod.Post, "/plays/_refresh"),
                (HttpMethod.Put, "/plays/_settings"), (HttpMethod.Post, "/plays/_refresh"),
            ],
            handler.Requests.Select(r => (r.Method, r.Url.AbsolutePath)));
        Assert.Equal("""{"index":{"refresh_interval":"-1"}}""", handler.Requests[2].Body);
        Assert.Equal("""{"index":{"refresh_interval":"30s"}}""", handler.Requests[4].Body);
    }

    [Theory]
    [InlineData("-1")]  // left so by a run that died, or set by another instance loading now
    [InlineData(null)]  // never set: the server's default
    public async Task An_index_paused_already_or_never_set_gets_the_servers_default_back(string? found)
    {
        var handler = new ScriptedHandler()
            .Answer(HttpStatusCode.OK, Settings(found))
            .Answer(HttpStatusCode.OK, TestClients.Es8Root)
            .Answer(HttpStatusCode.OK, """{"acknowledged":true}""")
            .Answer(HttpStatusCode.OK, """{"acknowledged":true}""")
            .Answer(HttpStatusCode.OK, "{}");
        using var client = TestClients.Create(handler, TestClients.Options(), _time);

        var pause = await LoadRefreshPause.BeginAsync(client, "plays", CancellationToken.None);
        await pause.EndAsync();

        Assert.Null(pause.Restore);
        Assert.Equal("""{"index":{"refresh_interval":null}}""", handler.Requests[3].Body);
    }
}
