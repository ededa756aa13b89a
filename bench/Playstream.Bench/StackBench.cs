using System.Diagnostics;
using System.Globalization;
using Playstream.Core.Generation;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Producing;
using Playstream.Processor;
using Playstream.Redis;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>
/// <c>playstream bench stack</c>: Kafka → process → Elasticsearch + Redis on generated plays
/// over a 3-partition topic, beside two ceilings measured in the same run on the same
/// servers: a bare consumer reading the topic, and a raw bulk load of the very documents
/// <c>process</c> indexes (<see cref="RawBulkLoad"/>: enriched, the same bytes and mapping).
/// </summary>
public static class StackBench
{
    /// <param name="shuffle">Generate the held-out shape (random time order, bad lines, unknown ids) instead of plays in time order.</param>
    public static int Run(long plays, bool shuffle, PlaystreamSettings settings)
    {
        var generator = new GeneratorOptions { Events = plays };
        var files = BenchData.Ensure(shuffle ? generator.AsHeldOut() : generator);
        var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var kafka = ConnectorOptions.Kafka(settings);
        var redis = ConnectorOptions.Redis(settings) with { KeyPrefix = $"bench{id}:" };
        var es = ConnectorOptions.Elasticsearch(settings);
        var topic = $"playstream-bench-{id}";
        var table = new Table().Border(TableBorder.Rounded).Title(
            $"full stack, {plays:N0} plays{(shuffle ? " (held-out shape)" : "")}, 3 partitions, {Environment.ProcessorCount} cores");
        table.AddColumns("measure", "seconds", "plays/s", "share");

        using (var admin = new TopicAdmin(kafka))
            admin.CreateAsync(topic, 3, 1).GetAwaiter().GetResult();
        long lines = 0;
        var produce = Time(() =>
        {
            using var producer = new KafkaLineProducer(kafka, topic);
            using var reader = LineReader.Open(files.Events);
            while (reader.TryReadLine(out var line, out _, out _))
            {
                producer.Produce(line);
                lines++;
            }
            producer.Flush(TimeSpan.FromMinutes(5));
        });
        table.AddRow("produce (acks=all, keyed by customer)", F(produce), Rate(plays, produce), "");

        var bare = BareConsumer.Read(kafka, topic, lines).TotalSeconds;
        table.AddRow("ceiling: bare consumer", F(bare), Rate(plays, bare), "100%");

        var lookups = new LookupTables(CustomerReader.Read(files.Customers).Table, TrackReader.Read(files.Tracks).Table);
        using (var connection = RedisConnection.ConnectAsync(redis).GetAwaiter().GetResult())
        {
            var loader = new RedisLookupLoader(connection, redis.Keys);
            loader.LoadCustomersAsync(lookups.Customers).GetAwaiter().GetResult();
            loader.LoadTracksAsync(lookups.Tracks).GetAwaiter().GetResult();
        }
        var noPlays = Time(() => Process(kafka, redis, es, topic, $"bench-noplays-{id}", $"bench-{id}-a", indexPlays: false));
        table.AddRow("process, plays index off", F(noPlays), Rate(plays, noPlays), $"{bare / noPlays * 100:F0}% of bare consumer");

        var bulk = RawBulk(es, files.Events, lookups, $"bench-{id}-raw");
        table.AddRow("ceiling: raw bulk load of the same documents", F(bulk), Rate(plays, bulk), "100%");
        var withPlays = Time(() => Process(kafka, redis, es, topic, $"bench-plays-{id}", $"bench-{id}-b", indexPlays: true));
        table.AddRow("process, plays indexed", F(withPlays), Rate(plays, withPlays), $"{bulk / withPlays * 100:F0}% of raw bulk");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[grey]topic {topic}, index prefixes bench-{id}-*, redis prefix {redis.KeyPrefix} are left for inspection[/]");
        return 0;
    }

    private static void Process(Kafka.Configuration.KafkaOptions kafka, RedisOptions redis, ElasticsearchOptions es, string topic, string group, string prefix, bool indexPlays)
    {
        var options = new StreamProcessorOptions
        {
            Topic = topic,
            Group = group,
            UntilIdle = true,
            FlushInterval = TimeSpan.FromSeconds(30),
            IndexPlays = indexPlays,
            Kafka = kafka,
            Redis = redis,
            Elasticsearch = es,
            IndexPrefix = prefix,
        };
        new StreamProcessor(options, _ => { }).RunAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The enriched plays <c>process</c> would index, loaded raw; the seconds of the load alone, bodies made before.</summary>
    private static double RawBulk(ElasticsearchOptions options, string events, LookupTables lookups, string index)
    {
        EsRequestShapes shapes;
        using (var client = new ElasticsearchClient(options))
            shapes = client.GetShapesAsync().GetAwaiter().GetResult();
        var bodies = RawBulkLoad.Bodies(RawBulkLoad.ReadPlays(events), lookups, shapes, index, options, "bench/0");
        return Time(() => RawBulkLoad.Post(options, index, bodies, PlaySinkOptions.Default));
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
    private static string Rate(long plays, double seconds) => $"{plays / seconds / 1e3:N0} k";
}
