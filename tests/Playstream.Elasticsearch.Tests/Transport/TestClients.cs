using System.Net;
using Playstream.TestSupport;

namespace Playstream.Elasticsearch.Tests.Transport;

/// <summary>Clients wired to a scripted handler, with waits recorded instead of slept.</summary>
public static class TestClients
{
    public const string Es2Root = """{"name":"n","cluster_name":"c","version":{"number":"2.4.1","lucene_version":"5.5.2"},"tagline":"You Know, for Search"}""";
    public const string Es8Root = """{"name":"n","cluster_name":"c","version":{"number":"8.15.0","build_flavor":"default"},"tagline":"You Know, for Search"}""";

    public static ElasticsearchOptions Options(int maxAttempts = 4) => new()
    {
        Urls = [new Uri("http://es.test:9200")],
        Retry = new RetryOptions
        {
            MaxAttempts = maxAttempts,
            InitialDelay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(1),
        },
    };

    /// <summary>A client whose retry waits pass at once on <paramref name="time"/>, which keeps them.</summary>
    public static ElasticsearchClient Create(ScriptedHandler handler, ElasticsearchOptions options, InstantTimeProvider time) =>
        new(options, handler, time);

    /// <summary>A handler whose first answer is the root of a server of this version.</summary>
    public static ScriptedHandler ServerAnswering(string root) => new ScriptedHandler().Answer(HttpStatusCode.OK, root);
}
