using System.Net;
using System.Text.Json;
using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using Playstream.Processor.Metrics;
using Playstream.TestSupport;

namespace Playstream.Processor.Tests.Metrics;

/// <summary>The endpoint of one instance, in-process: what /health and /metrics answer as the metrics change.</summary>
// xunit disposes both through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class OperationsServerTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly ProcessorMetrics _metrics = new("g1", "plays");
    private readonly HttpClient _http = new();
    private OperationsServer _server = null!;

    public Task InitializeAsync()
    {
        _server = new OperationsServer(_metrics, "127.0.0.1", FreePort.Next());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Health_is_waiting_with_200_before_any_partition_is_assigned()
    {
        using var response = await _http.GetAsync(new Uri(_server.Url, "health"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("waiting", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("partitions").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("last_flush").ValueKind);
    }

    [Fact]
    public async Task Health_is_503_failed_once_a_sink_failed_for_good_and_the_failure_is_counted()
    {
        _metrics.Flushed(TimeSpan.FromMilliseconds(12));
        _metrics.Failed(new Playstream.Elasticsearch.ElasticsearchException("3 play(s) refused, first p-0-1: mapper_parsing_exception"));

        using var response = await _http.GetAsync(new Uri(_server.Url, "health"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("mapper_parsing_exception", json.RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("last_flush").ValueKind);

        var scrape = await Scrape.FromAsync(_http, new Uri(_server.Url, "metrics"));
        Assert.Equal(1, scrape.Value("playstream_sink_failures_total", ("sink", "elasticsearch"), ("group", "g1"), ("topic", "plays")));
        Assert.Equal(1, scrape.Value("playstream_flushes_total"));
        Assert.Equal(1, scrape.Value("playstream_checkpoint_duration_seconds_count"));
        Assert.Equal(0.012, scrape.Value("playstream_checkpoint_duration_seconds_sum")!.Value, 6);
        Assert.InRange(scrape.Value("playstream_checkpoint_age_seconds")!.Value, 0, 60);
    }

    [Fact]
    public async Task Other_paths_are_not_found()
    {
        using var response = await _http.GetAsync(new Uri(_server.Url, "nothing-here"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
