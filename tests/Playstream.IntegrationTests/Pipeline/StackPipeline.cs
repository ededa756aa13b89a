using Playstream.Core.Lookups;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.Kafka.Producing;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Pipeline;

/// <summary>
/// One full-stack pipeline for a test: its own topic, consumer group, Redis prefix and index
/// prefix on the real servers, the lookups loaded, and the <c>playstream</c> command run
/// against them as a user would.
/// </summary>
internal sealed class StackPipeline : IDisposable
{
    private readonly KafkaBroker _kafka;
    private readonly ElasticsearchServer _es;
    private readonly string _redisEndpoint;

    public StackPipeline(KafkaBroker kafka, RedisServer redis, ElasticsearchServer es, string? redisEndpoint = null)
    {
        _kafka = kafka;
        _es = es;
        _redisEndpoint = redisEndpoint ?? $"{redis.Endpoint},defaultDatabase={RedisServer.Database}";
        var id = Guid.NewGuid().ToString("N")[..12];
        Group = $"it-{id}";
        RedisPrefix = $"itest:{id}:";
        IndexPrefix = $"it-{id}";
    }

    public TempFolder Folder { get; } = new();
    public string Topic { get; private set; } = "";
    public string Group { get; }
    public string RedisPrefix { get; }
    public string IndexPrefix { get; }

    public Task StartAsync(int partitions = 3) => StartAsync(SeedData.File("cust.csv"), SeedData.File("music.csv"), partitions);

    public async Task StartAsync(string customersFile, string tracksFile, int partitions = 3)
    {
        Topic = await _kafka.CreateTopicAsync("pipeline", partitions);
        var customers = CustomerReader.Read(customersFile).Table;
        var tracks = TrackReader.Read(tracksFile).Table;
        using var connection = await RedisConnection.ConnectAsync(new RedisOptions { Endpoint = _redisEndpoint });
        var loader = new RedisLookupLoader(connection, new RedisKeys(RedisPrefix));
        await loader.LoadCustomersAsync(customers);
        await loader.LoadTracksAsync(tracks);
    }

    /// <summary>Lines as a log holds them: a CRLF line keeps its \r, a line that is not UTF-8 its bytes.</summary>
    public void Produce(IEnumerable<byte[]> lines)
    {
        using var producer = new KafkaLineProducer(_kafka.Options(), Topic);
        foreach (var line in lines)
            producer.Produce(line.AsSpan());
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    public void Produce(IEnumerable<string> lines)
    {
        using var producer = new KafkaLineProducer(_kafka.Options(), Topic);
        foreach (var line in lines)
            producer.Produce(line);
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Lines appended while the processes run, as a live log is: <paramref name="perSecond"/> a
    /// second in small bursts, so a member under <c>--until-idle</c> never sees the topic quiet.
    /// Not keyed by customer (as Logstash's plain codec sends them): processing repartitions them.
    /// </summary>
    public Task ProduceLiveAsync(IReadOnlyList<string> lines, int perSecond) => Task.Run(async () =>
    {
        using var producer = new KafkaLineProducer(_kafka.Options(), Topic, keyed: false);
        var burst = Math.Max(1, perSecond / 20);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < lines.Count; i++)
        {
            producer.Produce(lines[i]);
            if ((i + 1) % burst == 0 && TimeSpan.FromSeconds((i + 1.0) / perSecond) - watch.Elapsed is { Ticks: > 0 } ahead)
                await Task.Delay(ahead);
        }
        producer.Flush(TimeSpan.FromSeconds(30));
    });

    public string[] Connection =>
    [
        "--bootstrap", _kafka.BootstrapServers,
        "--redis", _redisEndpoint, "--redis-prefix", RedisPrefix,
        "--es-url", _es.Url.ToString(), "--index-prefix", IndexPrefix,
    ];

    public CliProcess.Outcome Process(params string[] extra) =>
        CliProcess.Run(Folder.Path, ["process", "--topic", Topic, "--group", Group, "--until-idle", "--flush-interval", "2s", .. Connection, .. extra]);

    public System.Diagnostics.Process StartProcess(params string[] extra) =>
        CliProcess.Start(Folder.Path, ["process", "--topic", Topic, "--group", Group, "--until-idle", "--flush-interval", "1s", .. Connection, .. extra]);

    /// <summary>A member of the group under <c>--until-idle</c>, its output collected as it comes.</summary>
    public RunningCli Member(params string[] extra) =>
        new(Folder.Path, ["process", "--topic", Topic, "--group", Group, "--until-idle", "--flush-interval", "1s", .. Connection, .. extra]);

    /// <summary>The summary's events count as Redis and Elasticsearch hold it now (0 before the first write).</summary>
    public async Task<(long Redis, long Elasticsearch)> SummaryEventsAsync(StackExchange.Redis.ConnectionMultiplexer connection, HttpClient http)
    {
        var redis = (long?)await connection.GetDatabase().HashGetAsync(new RedisKeys(RedisPrefix).Summary, "events") ?? 0;
        using var response = await http.GetAsync(new Uri(_es.Url, $"{IndexPrefix}-summary/_all/all"));
        long es = 0;
        if (response.IsSuccessStatusCode)
        {
            using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (doc.RootElement.TryGetProperty("_source", out var source))
                es = source.GetProperty("events").GetInt64();
        }
        return (redis, es);
    }

    public Task<StackExchange.Redis.ConnectionMultiplexer> ConnectRedisAsync() => RedisConnection.ConnectAsync(new RedisOptions { Endpoint = _redisEndpoint });

    /// <summary>A process that follows the topic until it is stopped.</summary>
    public System.Diagnostics.Process StartFollowing(params string[] extra) =>
        CliProcess.Start(Folder.Path, ["process", "--topic", Topic, "--group", Group, "--flush-interval", "1s", .. Connection, .. extra]);

    public Core.Results.AnalyticsResults Export()
    {
        var directory = Folder.File($"export-{Guid.NewGuid():N}");
        var outcome = CliProcess.Run(Folder.Path, ["export", directory, .. Connection]);
        Assert.True(outcome.ExitCode == 0, outcome.Error + outcome.Output);
        return Core.Export.ResultsReader.Read(directory);
    }

    /// <summary>The results the run left in Redis (interests, unique tracks, profiles, latest top lists).</summary>
    public async Task<(IReadOnlyList<Core.Results.Interest> Interests, IReadOnlyList<Core.Results.UniqueTracks> Unique, IReadOnlyList<Core.Results.CustomerProfile> Profiles, IReadOnlyList<Core.Results.TopTracksWindow> Top)> RedisResultsAsync()
    {
        using var connection = await RedisConnection.ConnectAsync(new RedisOptions { Endpoint = _redisEndpoint });
        var reader = new RedisResultsReader(connection, new RedisKeys(RedisPrefix));
        return (await reader.ReadInterestsAsync(), await reader.ReadUniqueTracksAsync(), await reader.ReadProfilesAsync(), await reader.ReadTopTracksAsync());
    }

    public async Task<long> IndexedPlaysAsync()
    {
        using var client = _es.CreateClient();
        var index = $"{IndexPrefix}-plays";
        await client.RefreshAsync(index);
        return await client.CountAsync(index);
    }

    public static Core.Results.AnalyticsResults Reference(IEnumerable<string> lines) =>
        BruteForceReference.Compute(lines, SeedGenders.Value, SeedTracks.Value);

    public static Core.Results.AnalyticsResults Reference(IEnumerable<string> lines, string customersFile, string tracksFile) =>
        BruteForceReference.Compute(lines,
            CustomerReader.Read(customersFile).Table.All().ToDictionary(c => c.Id, c => c.Gender),
            TrackReader.Read(tracksFile).Table.All().Select(t => t.Id).ToHashSet());

    private static readonly Lazy<Dictionary<int, string>> SeedGenders = new(() =>
        CustomerReader.Read(SeedData.File("cust.csv")).Table.All().ToDictionary(c => c.Id, c => c.Gender));

    private static readonly Lazy<HashSet<int>> SeedTracks = new(() =>
        File.ReadLines(SeedData.File("music.csv")).Skip(1).Select(l => int.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());

    public void Dispose()
    {
        _es.DeleteIndices(IndexPrefix);
        Folder.Dispose();
    }
}
