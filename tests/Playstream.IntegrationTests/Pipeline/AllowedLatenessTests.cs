using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Playstream.Core.Engine;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.Core.Streaming;
using Playstream.Redis;
using Playstream.Redis.Streaming;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Pipeline;

/// <summary>
/// An endless stream with <c>--allowed-lateness</c> on the real stack: four days of plays arriving
/// roughly in time order over three partitions (not keyed by customer), some later than allowed,
/// processed in stages by one and then two instances. The export must equal the brute force over
/// the plays that were on time, the late ones must be dead letters, and the checkpoints left in
/// Redis must hold only the last hours' panes, not four days of them.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class AllowedLatenessTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    private const int Partitions = 3;
    private const long Lateness = 2 * 3600;

    [Fact]
    public async Task State_stays_bounded_and_the_stored_results_equal_the_reference_over_plays_on_time()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        // Lookups holding the stream's customers (1-300) and tracks (1-200); the generated plays are not used.
        var data = ProcessMetricsTests.Generated(pipeline, events: 1);
        await pipeline.StartAsync(data.Customers, data.Tracks, Partitions);
        var stream = Stream(seed: 11, plays: 8000);

        // What the processor must decide, worked out here: a play is late when it is more than the
        // lateness behind the latest play before it in its partition.
        var latest = new long?[Partitions];
        var onTime = new List<string>();
        var late = 0;
        foreach (var (line, time, partition) in stream)
        {
            if (latest[partition] is { } max && time < max - Lateness)
            {
                late++;
                continue;
            }
            latest[partition] = Math.Max(latest[partition] ?? long.MinValue, time);
            onTime.Add(line);
        }
        Assert.InRange(late, 20, stream.Count / 5);

        // Four stages: one instance, then two together, then one again, each until idle.
        var stages = stream.Chunk(stream.Count / 4 + 1).ToList();
        for (var stage = 0; stage < stages.Count; stage++)
        {
            Produce(pipeline.Topic, stages[stage]);
            var instances = stage == 1 ? 2 : 1;
            var running = Enumerable.Range(0, instances).Select(_ => pipeline.StartProcess("--allowed-lateness", "2h")).ToList();
            var outcomes = await Task.WhenAll(running.Select(Finish));
            foreach (var process in running)
                process.Dispose();
            Assert.All(outcomes, o => Assert.True(o.ExitCode == 0, o.Error));
        }

        var expected = StackPipeline.Reference(onTime, data.Customers, data.Tracks);
        var exported = pipeline.Export();
        Assert.Equal(late, exported.Summary.DeadLetters);
        ResultsAssert.Equal(expected with { Summary = expected.Summary with { DeadLetters = late, DeadLettersByReason = new Dictionary<string, long> { ["late"] = late } } }, exported);
        Assert.Equal(onTime.Count, await pipeline.IndexedPlaysAsync());
        Assert.NotEmpty(expected.Interests);
        Assert.Equal(expected.Interests, (await pipeline.RedisResultsAsync()).Interests);

        // The tasks' state: evicted up to about the slowest partition's latest play minus the lateness,
        // holding listener panes and top-tracks panes for about lateness + window, where the stream spans
        // four days (1152 activity panes, 96 top-tracks panes).
        using var connection = await RedisConnection.ConnectAsync(new RedisOptions { Endpoint = $"{redis.Endpoint},defaultDatabase={RedisServer.Database}" });
        var store = new RedisTaskStore(connection, new RedisKeys(pipeline.RedisPrefix), $"{pipeline.Group}:{pipeline.Topic}", Partitions);
        var topology = new TopologySettings { Topic = pipeline.Topic, Partitions = Partitions, AllowedLatenessSeconds = Lateness };
        var horizon = latest.Min()!.Value - Lateness;
        var settings = AnalyticsSettings.Default;
        for (var partition = 0; partition < Partitions; partition++)
        {
            var footprint = TaskFootprint.Of(await store.ClaimAsync(partition, default), topology);
            Assert.NotNull(footprint.CustomerHorizon);
            Assert.InRange(footprint.CustomerHorizon!.Value, horizon - 4 * 3600, horizon);
            Assert.InRange(footprint.ListenerPairs, 1, 600L * (Lateness + 6 * 3600 + settings.ActivityWindowSeconds) / settings.ActivitySlideSeconds);
            Assert.InRange(footprint.TopTracksPanes, 0, (Lateness + 6 * 3600 + settings.TopTracksWindowSeconds) / settings.TopTracksSlideSeconds);
        }
    }

    /// <summary>
    /// Plays over four days in arrival order, each a little before its arrival time (up to 1.5 times
    /// the lateness), a fifth of them repeating a recent (customer, track) so that interests happen;
    /// each with the partition it is sent to.
    /// </summary>
    private static List<(string Line, long Time, int Partition)> Stream(int seed, int plays)
    {
        var random = new Random(seed);
        var start = Utc.Seconds("2014-10-20 00:00:00");
        var step = 4 * 86_400 / plays;
        var recent = new List<(int Customer, int Track)>();
        var stream = new List<(string, long, int)>();
        for (var i = 0; i < plays; i++)
        {
            var (customer, track) = recent.Count > 10 && random.Next(5) == 0
                ? recent[recent.Count - 1 - random.Next(10)]
                : (1 + random.Next(300), 1 + random.Next(200));
            recent.Add((customer, track));
            var time = start + (long)i * step - random.Next((int)(Lateness * 3 / 2));
            var text = DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            stream.Add(($"{i},{customer},{track},\"{text}\",{random.Next(2)},\"{10000 + random.Next(90000)}\"", time, random.Next(Partitions)));
        }
        return stream;
    }

    /// <summary>Each line to its own partition, in order (one request in flight, so a retry cannot reorder).</summary>
    private void Produce(string topic, IEnumerable<(string Line, long Time, int Partition)> lines)
    {
        var config = kafka.Options().ToProducerConfig();
        config.Set("max.in.flight.requests.per.connection", "1");
        using var producer = new ProducerBuilder<Null, string>(config).Build();
        foreach (var (line, _, partition) in lines)
            producer.Produce(new TopicPartition(topic, new Partition(partition)), new Message<Null, string> { Value = line });
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private static Task<CliProcess.Outcome> Finish(Process process) => CliProcess.FinishAsync(process, TimeSpan.FromMinutes(4));
}
