using Confluent.Kafka;
using Playstream.Core.Streaming.Keys;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Pipeline;
using Playstream.IntegrationTests.Redis;
using Playstream.IntegrationTests.Shipping;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Consuming;
using Playstream.Kafka.Producing;
using Playstream.Processor;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Processor;

/// <summary>
/// <c>playstream process</c>'s member run in this process on the real servers, over plays not
/// keyed by customer: its summary counts what the topic holds, and the results it leaves are the
/// brute force's.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class StreamProcessorTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    private const int Partitions = 3;

    [Fact]
    public async Task A_member_until_idle_takes_every_line_once_and_sums_up_what_it_did()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = pipeline.Folder.File("data");
        var generated = CliProcess.Run(pipeline.Folder.Path, ["generate", "--out", data, "--events", "6000", "--customers", "300", "--tracks", "120", "--days", "2", "--seed", "9", "--held-out"]);
        Assert.True(generated.ExitCode == 0, generated.Error);
        var (events, customers, tracks) = (Path.Combine(data, "tracks.csv"), Path.Combine(data, "cust.csv"), Path.Combine(data, "music.csv"));
        await pipeline.StartAsync(customers, tracks, Partitions);
        // Made here so that they go with the test's other topics when it ends.
        var repartition = await kafka.CreateNamedTopicAsync(TopicNames.Repartition(pipeline.Group, pipeline.Topic), Partitions);
        var deadLetters = await kafka.CreateNamedTopicAsync(TopicNames.DeadLetters(pipeline.Topic), 1);
        var lines = File.ReadAllLines(events);
        using (var producer = new KafkaLineProducer(kafka.Options(), pipeline.Topic, keyed: false))
        {
            foreach (var line in lines)
                producer.Produce(line);
            producer.Flush(TimeSpan.FromSeconds(30));
        }

        var reports = new List<string>();
        var options = new StreamProcessorOptions
        {
            Topic = pipeline.Topic,
            Group = pipeline.Group,
            UntilIdle = true,
            Kafka = kafka.Options(),
            Redis = new RedisOptions { Endpoint = $"{redis.Endpoint},defaultDatabase={RedisServer.Database}", KeyPrefix = pipeline.RedisPrefix },
            Elasticsearch = es.Options(),
            IndexPrefix = pipeline.IndexPrefix,
        };
        // A guard against a hang, not a performance bound.
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var summary = await new StreamProcessor(options, message =>
        {
            lock (reports)
                reports.Add(message);
        }).RunAsync(guard.Token);

        var reference = StackPipeline.Reference(lines, customers, tracks);
        Assert.True(summary.GroupFinished, string.Join(Environment.NewLine, reports));
        Assert.Contains("the group has taken every partition to its end and written everything: done", reports);
        Assert.Equal(reference.Summary.Events, summary.Events);
        Assert.Equal(0, summary.ShipperDuplicates);
        Assert.Equal(reference.Summary.Events, summary.PlaysIndexed);
        Assert.True(summary.Flushes >= 1);
        // Every play not read in its customer's partition took the repartition hop, a batch of them to a record.
        var input = TopicContents.Read(kafka.Options(), pipeline.Topic, Partitions);
        var hops = input.Count(r => ReferenceLineParser.Parse(r.Value).Play is { } play && CustomerPartition.Of(play.CustomerId, Partitions) != r.Partition);
        Assert.Equal(hops, summary.Repartitioned);
        Assert.True(hops > 0);
        Assert.Equal(lines.Length + RecordsIn(repartition), summary.Records);
        Assert.Equal(reference.Summary.DeadLetters, TopicContents.Read(kafka.Options(), deadLetters, 1).Count);

        ResultsAssert.Equal(reference, pipeline.Export());
        Assert.Equal(reference.Summary.Events, await pipeline.IndexedPlaysAsync());
    }

    private long RecordsIn(string topic)
    {
        using var offsets = new KafkaOffsets(kafka.Options(), group: null);
        return Enumerable.Range(0, Partitions).Sum(p => offsets.Watermarks(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }
}
