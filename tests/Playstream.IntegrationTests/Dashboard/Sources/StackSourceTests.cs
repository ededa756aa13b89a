using Playstream.Core.Lookups;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using Playstream.Dashboard.Sources;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Redis;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Dashboard.Sources;

/// <summary>The dashboard's full-stack source against the real Elasticsearch and Redis: missing, running, and unreachable.</summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class StackSourceTests(ElasticsearchServer es, RedisServer redis) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private readonly string _indexPrefix = ElasticsearchServer.NewIndexName("dashboard");
    private readonly string _redisPrefix = RedisServer.NewPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        es.DeleteIndices(_indexPrefix);
        await redis.DeletePrefixAsync(_redisPrefix);
    }

    private StackSource Source(ElasticsearchClient client) =>
        new(client, new PlaystreamIndices(_indexPrefix), redis.Connection, new RedisKeys(_redisPrefix), "the test stack");

    [Fact]
    public async Task Before_any_results_it_is_missing_with_the_hint_and_then_running_with_the_results_and_names()
    {
        using var client = es.CreateClient();
        var source = Source(client);
        Assert.Equal("none", await source.VersionAsync());
        var missing = await source.LoadAsync();
        Assert.Equal(("full", "the test stack", "missing", StackSource.NoResultsHint), (missing.Status.Mode, missing.Status.Source, missing.Status.State, missing.Status.Hint));

        var customers = new CustomerTable();
        customers.Set(new Customer(7, "Ann Lee", "F", "", "", "", "", "2", "", "", null));
        await new RedisLookupLoader(redis.Connection, new RedisKeys(_redisPrefix)).LoadCustomersAsync(customers);
        var writer = new ElasticsearchResultsWriter(client, new PlaystreamIndices(_indexPrefix));
        await writer.WriteAsync(new ResultChanges
        {
            Profiles = [new CustomerProfile(7, 4, 1, 1, 1, 1, 2, 3)],
            Summary = new RunSummary(4, 0, 0, 0, new Dictionary<string, long>()),
        });
        await new ElasticsearchResultsReader(client, new PlaystreamIndices(_indexPrefix)).RefreshAsync();

        var running = await source.LoadAsync();
        var version = await source.VersionAsync();

        Assert.Equal("running", running.Status.State);
        Assert.Null(running.Status.Hint);
        Assert.NotNull(running.Status.ResultsAt);
        Assert.Equal([new CustomerProfile(7, 4, 1, 1, 1, 1, 2, 3)], running.Results.Profiles);
        Assert.Equal("Ann Lee", running.Lookups.Customers.Get(7)!.Name);
        Assert.NotEqual("none", version);
    }

    [Fact]
    public async Task An_elasticsearch_that_does_not_answer_is_unreachable_not_an_error()
    {
        using var client = new ElasticsearchClient(new ElasticsearchOptions
        {
            Urls = [new Uri($"http://127.0.0.1:{FreePort.Next()}")],
            Retry = new RetryOptions { MaxAttempts = 1 },
        });
        var source = Source(client);

        Assert.Equal("unreachable", await source.VersionAsync());
        var data = await source.LoadAsync();
        Assert.Equal("unreachable", data.Status.State);
        Assert.StartsWith("elasticsearch is not answering (", data.Status.Hint, StringComparison.Ordinal);
    }
}
