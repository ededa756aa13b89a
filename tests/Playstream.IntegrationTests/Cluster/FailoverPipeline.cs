using System.Diagnostics;
using Playstream.Core.Lookups;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Cluster;

/// <summary>
/// A pipeline whose topic (and dead-letter topic) have a chosen replication factor, reached
/// through a chosen bootstrap list: generated plays, the lookups in Redis, <c>process</c> run
/// as a user would, and the results and plays read back. It deletes its topics itself, while
/// every broker holding a replica is still up to take the deletion.
/// </summary>
internal sealed class FailoverPipeline : IDisposable
{
    private readonly KafkaBroker _kafka;
    private readonly ElasticsearchServer _es;
    private readonly string _redisEndpoint;
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];

    public FailoverPipeline(KafkaBroker kafka, RedisServer redis, ElasticsearchServer es, string bootstrap)
    {
        _kafka = kafka;
        _es = es;
        Bootstrap = bootstrap;
        _redisEndpoint = $"{redis.Endpoint},defaultDatabase={RedisServer.Database}";
        Topic = $"playstream-it-failover-{_id}";
    }

    public TempFolder Folder { get; } = new();
    public string Bootstrap { get; }
    public string Topic { get; }
    public string Group => $"it-{_id}";
    private string RedisPrefix => $"itest:{_id}:";
    private string IndexPrefix => $"it-{_id}";

    public KafkaOptions Kafka()
    {
        var options = _kafka.Options();
        options.BootstrapServers = Bootstrap;
        return options;
    }

    /// <summary>Generates plays, creates the topics, loads the lookups and produces the plays (acks=all); returns the lines.</summary>
    public async Task<string[]> PrepareAsync(int events, short replication)
    {
        var directory = Folder.File("data");
        var generated = CliProcess.Run(Folder.Path, "generate", "--out", directory, "--events", events.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--customers", "600", "--tracks", "250", "--days", "2", "--seed", "23");
        Assert.True(generated.ExitCode == 0, generated.Error);
        CustomersFile = Path.Combine(directory, "cust.csv");
        TracksFile = Path.Combine(directory, "music.csv");

        using (var admin = new TopicAdmin(Kafka()))
        {
            await admin.CreateAsync(Topic, 3, replication);
            await admin.CreateAsync(TopicNames.DeadLetters(Topic), 1, replication);
        }
        using (var connection = await RedisConnection.ConnectAsync(new RedisOptions { Endpoint = _redisEndpoint }))
        {
            var loader = new RedisLookupLoader(connection, new RedisKeys(RedisPrefix));
            await loader.LoadCustomersAsync(CustomerReader.Read(CustomersFile).Table);
            await loader.LoadTracksAsync(TrackReader.Read(TracksFile).Table);
        }
        var lines = File.ReadAllLines(Path.Combine(directory, "tracks.csv"));
        using var producer = new KafkaLineProducer(Kafka(), Topic);
        foreach (var line in lines)
            producer.Produce(line);
        producer.Flush(TimeSpan.FromSeconds(60));
        return lines;
    }

    public string CustomersFile { get; private set; } = "";
    public string TracksFile { get; private set; } = "";

    private string[] Connection =>
    [
        "--bootstrap", Bootstrap,
        "--redis", _redisEndpoint, "--redis-prefix", RedisPrefix,
        "--es-url", _es.Url.ToString(), "--index-prefix", IndexPrefix,
    ];

    /// <summary><c>process --until-idle</c>, its fetches kept small so that it is still reading when a broker goes.</summary>
    public Process StartProcess() =>
        CliProcess.Start(Folder.Path, ["process", "--topic", Topic, "--group", Group, "--until-idle", "--flush-interval", "1s",
            "--kafka-property", "fetch.message.max.bytes=32768", .. Connection]);

    public Core.Results.AnalyticsResults Export()
    {
        var directory = Folder.File($"export-{Guid.NewGuid():N}");
        var outcome = CliProcess.Run(Folder.Path, ["export", directory, .. Connection]);
        Assert.True(outcome.ExitCode == 0, outcome.Error + outcome.Output);
        return Core.Export.ResultsReader.Read(directory);
    }

    public Core.Results.AnalyticsResults Reference(IEnumerable<string> lines) =>
        Pipeline.StackPipeline.Reference(lines, CustomersFile, TracksFile);

    public async Task<long> IndexedPlaysAsync()
    {
        using var client = _es.CreateClient();
        var index = $"{IndexPrefix}-plays";
        await client.RefreshAsync(index);
        return await client.CountAsync(index);
    }

    public async Task DeleteTopicsAsync()
    {
        using var admin = new TopicAdmin(Kafka());
        foreach (var topic in new[] { Topic, TopicNames.DeadLetters(Topic) })
        {
            try
            {
                await admin.DeleteAsync(topic);
            }
            catch (TopicAdminException)
            {
                // Best effort: a leftover test topic must not fail the run.
            }
        }
    }

    public void Dispose()
    {
        _es.DeleteIndices(IndexPrefix);
        Folder.Dispose();
    }
}
