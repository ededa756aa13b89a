using Playstream.Elasticsearch;

namespace Playstream.IntegrationTests.Elasticsearch;

/// <summary>
/// The real Elasticsearch the tests run against: PLAYSTREAM_ES_URL, by default the local
/// stack's http://127.0.0.1:9200. When it does not answer, every test fails and says how
/// to start it; the tests are never skipped quietly.
/// </summary>
public sealed class ElasticsearchServer : IAsyncLifetime
{
    public Uri Url { get; } = new(Environment.GetEnvironmentVariable("PLAYSTREAM_ES_URL") is { Length: > 0 } url
        ? url
        : "http://127.0.0.1:9200");

    public ElasticsearchServerInfo Info { get; private set; } = null!;

    public ElasticsearchOptions Options(int maxBulkDocuments = 5000) => new()
    {
        Urls = [Url],
        MaxBulkDocuments = maxBulkDocuments,
        Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(200) },
    };

    public ElasticsearchClient CreateClient(int maxBulkDocuments = 5000) => new(Options(maxBulkDocuments));

    /// <summary>
    /// Deletes every index named <c>PREFIX-*</c>, best effort: a test run makes hundreds of small
    /// indices, and a server left holding them all slows down for the tests after it.
    /// </summary>
    public void DeleteIndices(string prefix)
    {
        try
        {
            using var client = CreateClient();
            client.DeleteIndexAsync($"{prefix}-*").GetAwaiter().GetResult();
        }
        catch (ElasticsearchException)
        {
        }
    }

    /// <summary>A fresh index name, so tests never see each other's documents.</summary>
    public static string NewIndexName(string purpose) => $"playstream-it-{purpose}-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        using var client = new ElasticsearchClient(Options() with
        {
            Retry = new RetryOptions { MaxAttempts = 2, InitialDelay = TimeSpan.FromMilliseconds(200) },
        });
        try
        {
            Info = await client.GetServerInfoAsync();
        }
        catch (ElasticsearchException e)
        {
            throw new InvalidOperationException(
                $"Elasticsearch does not answer at {Url}. Start the local stack with `stack/stack.sh up` " +
                $"(or point PLAYSTREAM_ES_URL at a running server). {e.Message}", e);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ElasticsearchCollection : ICollectionFixture<ElasticsearchServer>
{
    public const string Name = "elasticsearch";
}
