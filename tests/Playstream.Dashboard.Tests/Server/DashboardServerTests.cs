using System.Net.Http.Json;
using System.Text.Json;
using Playstream.Dashboard.Server;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Tests.Server;

/// <summary>The server on a free port over a real store: its address, and what happens when the port is taken.</summary>
public sealed class DashboardServerTests : IDisposable
{
    private readonly KnownInput _input = new();

    public void Dispose() => _input.Dispose();

    [Fact]
    public async Task It_serves_at_the_address_it_gives_until_disposed()
    {
        await _input.RunAsync();
        var server = await DashboardServer.StartAsync(new EmbeddedStoreSource(_input.StorePath), new DashboardOptions { Port = 0 });
        var url = new Uri(server.Url);
        using var http = new HttpClient();
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", server.Url);
        Assert.Equal(KnownInput.Plays, (await http.GetFromJsonAsync<JsonElement>(new Uri(url, "api/overview"))).GetProperty("events").GetInt64());

        await server.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(url));
    }

    [Fact]
    public async Task A_port_already_taken_is_one_line_saying_how_to_choose_another()
    {
        await using var first = await DashboardServer.StartAsync(new EmbeddedStoreSource(_input.StorePath), new DashboardOptions { Port = 0 });
        var port = new Uri(first.Url).Port;

        var e = await Assert.ThrowsAsync<IOException>(() => DashboardServer.StartAsync(new EmbeddedStoreSource(_input.StorePath), new DashboardOptions { Port = port }));

        Assert.StartsWith($"the dashboard cannot listen on 127.0.0.1:{port}: ", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("(choose another with --port)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ipv6_address_is_bracketed()
    {
        await using var server = await DashboardServer.StartAsync(new EmbeddedStoreSource(_input.StorePath), new DashboardOptions { Host = "::1", Port = 0 });
        Assert.Matches(@"^http://\[::1\]:\d+/$", server.Url);
    }
}
