using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Playstream.Dashboard.Server;
using Playstream.Dashboard.Sources;

namespace Playstream.Dashboard.Tests.Server;

/// <summary>The routes over a real store of known input: the JSON answers, the refusals, the page, and the event stream.</summary>
// xunit disposes both through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class DashboardEndpointsTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly KnownInput _input = new();
    private readonly HttpClient _http = new();
    private DashboardServer _server = null!;

    private Uri Url => new(_server.Url);

    public async Task InitializeAsync()
    {
        await _input.RunAsync();
        _server = await DashboardServer.StartAsync(new EmbeddedStoreSource(_input.StorePath), new DashboardOptions { Port = 0 });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _input.Dispose();
    }

    private Task<JsonElement> GetAsync(string path) => _http.GetFromJsonAsync<JsonElement>(new Uri(Url, path));

    [Fact]
    public async Task The_api_answers_in_camel_case_json()
    {
        var overview = await GetAsync("api/overview");
        Assert.Equal(KnownInput.Plays, overview.GetProperty("events").GetInt64());
        Assert.Equal(1, overview.GetProperty("deadLettersByReason").GetProperty("field_count").GetInt64());
        Assert.Equal(JsonValueKind.Array, (await GetAsync("api/activity")).GetProperty("start").ValueKind);
        Assert.Equal("gender", (await GetAsync("api/breakdown/gender")).GetProperty("dimension").GetString());
        // The input's zips are "72132", "01234", and "other" (for "" and "abc"): 3 rows however many are asked for, and at least one.
        Assert.Equal(3, (await GetAsync("api/zips?limit=500")).GetArrayLength());
        Assert.Equal(1, (await GetAsync("api/zips?limit=0")).GetArrayLength());
        Assert.Equal(1, (await GetAsync("api/customers/1")).GetProperty("customerId").GetInt32());
    }

    [Fact]
    public async Task Unknown_dimensions_and_customers_are_404_with_the_reason()
    {
        using var dimension = await _http.GetAsync(new Uri(Url, "api/breakdown/mood"));
        Assert.Equal(HttpStatusCode.NotFound, dimension.StatusCode);
        Assert.Equal("no breakdown 'mood': use gender, level or age", (await dimension.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        using var customer = await _http.GetAsync(new Uri(Url, "api/customers/999"));
        Assert.Equal(HttpStatusCode.NotFound, customer.StatusCode);
        Assert.Equal("customer 999 has no plays and is not in the customer file", (await customer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task The_page_is_served_as_html_and_a_missing_asset_is_404()
    {
        using var page = await _http.GetAsync(Url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        using var missing = await _http.GetAsync(new Uri(Url, "assets/no-such.js"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task The_event_stream_starts_with_the_current_version()
    {
        using var response = await _http.GetAsync(new Uri(Url, "api/events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("retry: 2000", await reader.ReadLineAsync());
        Assert.Equal("event: changed", await reader.ReadLineAsync());
        Assert.StartsWith("data: ", await reader.ReadLineAsync(), StringComparison.Ordinal);
    }
}
