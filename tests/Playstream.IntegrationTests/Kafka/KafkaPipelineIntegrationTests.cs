using Playstream.TestSupport;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Consuming;
using Playstream.Kafka.Processing;
using Playstream.Kafka.Producing;

namespace Playstream.IntegrationTests.Kafka;

/// <summary>
/// A log (the repository's fixture, and the seed's where it is present) through a real broker: produced keyed by customer into three partitions, read by
/// a consumer group and processed per partition, gives exactly the results of one analytics fed
/// the same lines; committed offsets hold; bad lines land in the dead-letter topic with offsets.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaPipelineIntegrationTests(KafkaBroker broker)
{
    private static readonly string[] BadLines =
    [
        "neither is this an event",
        "7,48,453,\"2014-13-23 03:26:20\",0,\"72132\"",
        "8,48,453,\"2014-10-23 03:26:20\",yes,\"72132\"",
    ];

    [Fact]
    public Task The_fixture_log_through_three_partitions_gives_the_results_of_one_direct_run() =>
        ThroughThreePartitionsAsync(Fixtures.Plays, Fixtures.Customers, Fixtures.Tracks, Fixtures.PlayCount);

    [SeedDataFact]
    public Task The_seed_log_through_three_partitions_gives_the_results_of_one_direct_run() =>
        ThroughThreePartitionsAsync(SeedData.File("tracks_live.csv"), SeedData.File("cust.csv"), SeedData.File("music.csv"), 3474);

    /// <summary>The log's lines as their bytes (CRLF and all) and <see cref="BadLines"/> after them, produced keyed by customer.</summary>
    private async Task ThroughThreePartitionsAsync(string log, string customersFile, string tracksFile, int expectedPlays)
    {
        var topic = await broker.CreateTopicAsync("plays", partitions: 3);
        var deadLetterTopic = await broker.CreateNamedTopicAsync(TopicNames.DeadLetters(topic), partitions: 1);

        var lines = LogFile.Lines(log).Where(l => !EventParser.IsBlank(l)).Concat(BadLines.Select(Encoding.UTF8.GetBytes)).ToList();
        var lookups = new LookupTables(CustomerReader.Read(customersFile).Table, TrackReader.Read(tracksFile).Table);
        // What the dead letters must be, by the reference's reading of each line.
        var badLines = lines.Select(l => (Line: l, ReferenceLineParser.Parse(l).Problem)).Where(l => l.Problem is not null).ToList();

        using (var producer = new KafkaLineProducer(broker.Options(), topic))
        {
            foreach (var line in lines)
                producer.Produce(line.AsSpan());
            producer.Flush(TimeSpan.FromSeconds(30));
            Assert.Equal(lines.Count, producer.Delivered);
        }

        var group = "playstream-it-" + Guid.NewGuid().ToString("N");
        var read = new Dictionary<(int Partition, long Offset), byte[]>();
        var processor = (KafkaPartitionProcessor?)null;
        using (var deadLetters = new KafkaDeadLetterSink(broker.Options(), deadLetterTopic))
        using (var source = new KafkaLineSource(broker.Options(), group, [topic]))
        {
            processor = new KafkaPartitionProcessor(AnalyticsSettings.Default, lookups, deadLetters);
            var assigned = new List<int>();
            source.PartitionsAssigned = partitions =>
            {
                foreach (var p in partitions)
                {
                    processor.Assign(p.Topic, p.Partition.Value);
                    assigned.Add(p.Partition.Value);
                }
                return null;
            };

            GroupReading.ReadUntilIdle(source, batch =>
            {
                foreach (var record in batch.Records)
                    read.Add((record.Partition, record.Offset), record.Value.ToArray());
                processor.Process(batch);
            });

            // Everything is written (dead letters acknowledged): now, and only now, commit.
            deadLetters.Flush(TimeSpan.FromSeconds(30));
            source.Commit(processor.OffsetsToCommit());

            Assert.Equal([0, 1, 2], assigned.Order());
            Assert.Equal(lines.Count, read.Count);
            Assert.Equal(badLines.Count, deadLetters.Delivered);
            var committed = source.Committed(processor.Partitions);
            Assert.Equal(lines.Count, committed.Sum(c => c.Offset.Value));
        }

        // The direct run: one analytics fed every line in file order.
        var direct = new PartitionAnalytics(AnalyticsSettings.Default);
        foreach (var line in lines)
        {
            if (EventParser.TryParse(line, out var play, out _, out var reason))
                direct.Add(play, lookups);
            else
                direct.CountDeadLetter(reason);
        }
        var results = processor.ComputeResults();
        Assert.Equal(JsonSerializer.Serialize(direct.ComputeResults()), JsonSerializer.Serialize(results));
        Assert.Equal(expectedPlays, results.Summary.Events);
        Assert.Equal(badLines.Count, results.Summary.DeadLetters);

        // Keyed by customer: each partition holds a share of the plays, and no customer is in two.
        var customersByPartition = processor.Partitions
            .Select(p => processor.State(p.Topic, p.Partition.Value)!.Analytics.ComputeResults())
            .Select(r => (Events: r.Summary.Events, Customers: r.Profiles.Select(x => x.CustomerId).ToList()))
            .ToList();
        Assert.All(customersByPartition, p => Assert.True(p.Events > 0));
        var allCustomers = customersByPartition.SelectMany(p => p.Customers).ToList();
        Assert.Equal(allCustomers.Count, allCustomers.Distinct().Count());

        // The same group again: its committed offsets are at the end, so there is nothing new to read.
        using (var again = new KafkaLineSource(broker.Options(), group, [topic]))
        {
            var records = 0;
            GroupReading.ReadUntilIdle(again, batch => records += batch.Records.Count);
            Assert.Equal(0, records);
            Assert.Equal(3, again.Assignment.Count);
        }

        // The dead letters: one JSON record each, pointing at the offset that held the bad line.
        var letters = new List<JsonElement>();
        using (var deadLetterReader = new KafkaLineSource(broker.Options(), group + "-dl", [deadLetterTopic]))
        {
            GroupReading.ReadUntilIdle(deadLetterReader, batch =>
            {
                foreach (var record in batch.Records)
                    letters.Add(JsonDocument.Parse(record.Value).RootElement.Clone());
            });
        }
        Assert.Equal(badLines.Count, letters.Count);
        foreach (var letter in letters)
        {
            var source = letter.GetProperty("source").GetString()!;
            Assert.StartsWith(topic + "/", source, StringComparison.Ordinal);
            var partition = int.Parse(source[(topic.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            var offset = letter.GetProperty("offset").GetInt64();
            var line = read[(partition, offset)];
            var expected = Assert.Single(badLines, b => b.Line.AsSpan().SequenceEqual(line));
            Assert.Equal(expected.Problem, letter.GetProperty("reason").GetString());
            // The line as text without its CRLF's \r; bytes that are not UTF-8 become U+FFFD.
            var text = Encoding.UTF8.GetString(line);
            Assert.Equal(text.EndsWith('\r') ? text[..^1] : text, letter.GetProperty("raw").GetString());
            Assert.False(string.IsNullOrEmpty(letter.GetProperty("detail").GetString()));
        }
    }

    [Fact]
    public async Task A_reader_of_an_empty_topic_becomes_idle_having_read_nothing()
    {
        var topic = await broker.CreateTopicAsync("empty", partitions: 2);
        using var source = new KafkaLineSource(broker.Options(), "playstream-it-" + Guid.NewGuid().ToString("N"), [topic]);
        var revoked = new List<TopicPartition>();
        source.PartitionsRevoked = partitions => revoked.AddRange(partitions);

        var records = 0;
        GroupReading.ReadUntilIdle(source, batch => records += batch.Records.Count);

        Assert.Equal(0, records);
        Assert.True(source.IsCaughtUp());
        Assert.Equal(2, source.Assignment.Count);
        source.Close();
        Assert.Equal(2, revoked.Count);
    }
}
