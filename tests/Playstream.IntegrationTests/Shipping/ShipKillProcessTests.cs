using System.Text.Json;
using Confluent.Kafka;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Pipeline;
using Playstream.IntegrationTests.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Shipping;

/// <summary>
/// <c>playstream ship</c> killed with SIGKILL several times in the middle of a log, each time
/// right after a burst the shipper had not yet saved, so that its restarts really send lines
/// twice; then <c>playstream process</c> (once between two kills, once at the end) counts every
/// line of the file exactly once. In the Elasticsearch collection, as every pipeline test.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ShipKillProcessTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>, IDisposable
{
    private const int Lines = 20_000;
    private const int Kills = 3;
    private const int UnsavedBeforeKill = 300;

    [Fact]
    public async Task Lines_resent_after_kill_9_restarts_are_in_the_topic_twice_but_counted_once()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var (customers, tracks) = WriteLookups(pipeline.Folder);
        await pipeline.StartAsync(customers, tracks);
        var log = pipeline.Folder.File("plays.log");
        var written = WriteLog(log);
        var lineEnds = LineEnds(log);
        var positions = pipeline.Folder.File("positions");

        for (var kill = 1; kill <= Kills; kill++)
        {
            ShipUntilAnUnsavedBurstThenKill(pipeline, log, positions, lineEnds);
            if (kill == 2)
            {
                // The processor checkpoints what it has seen so far; the next restart resends lines
                // it can only recognise through the marks restored from that checkpoint.
                var middle = pipeline.Process();
                Assert.True(middle.ExitCode == 0, middle.Error + middle.Output);
            }
        }
        var last = CliProcess.Run(pipeline.Folder.Path, [.. ShipArguments(pipeline, log, positions), "--exit-at-eof"]);
        Assert.True(last.ExitCode == 0, last.Error + last.Output);

        var records = TopicRecords(pipeline.Topic);
        Assert.True(records > Lines, $"the topic holds {records} records for {Lines} lines: the kills caused no resend");
        ShipLog.AssertShipped(TopicContents.Read(kafka.Options(), pipeline.Topic, 3), written, exactlyOnce: false);

        var run = pipeline.Process();
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        var expected = StackPipeline.Reference(written, customers, tracks);
        ResultsAssert.Equal(expected, pipeline.Export());
        Assert.Equal(BrokenLines.Length, expected.Summary.DeadLetters);
        Assert.Equal(expected.Summary.Events, await pipeline.IndexedPlaysAsync());
    }

    /// <summary>Lines the processor dead-letters, spread through the log: the shipper sends them with a position too.</summary>
    private static readonly int[] BrokenLines = [10, 4_321, 12_345];

    private static string[] WriteLog(string path)
    {
        var lines = Enumerable.Range(0, Lines)
            .Select(i => BrokenLines.Contains(i) ? $"broken line {i}" : ShipLog.Line(i))
            .ToArray();
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return lines;
    }

    /// <summary>Customers 0-6 (the ones <see cref="ShipLog"/> uses, both genders) and tracks 0-49.</summary>
    private static (string Customers, string Tracks) WriteLookups(TempFolder folder)
    {
        var customers = folder.File("cust.csv");
        File.WriteAllLines(customers, ["CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps",
            .. Enumerable.Range(0, ShipLog.Customers).Select(c => $"{c},Name {c},{c % 2},Street {c},1000{c},01/0{c + 1}/2014,1,{c % 3},1,0")]);
        var tracks = folder.File("music.csv");
        File.WriteAllLines(tracks, ["TrackId,Title,Artist,Length", .. Enumerable.Range(0, 50).Select(t => $"{t},Title {t},Artist {t % 9},{120 + t}")]);
        return (customers, tracks);
    }

    /// <summary>Byte offset after each line: how many lines a saved position covers.</summary>
    private static long[] LineEnds(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return [.. bytes.Select((b, i) => (b, i)).Where(x => x.b == (byte)'\n').Select(x => (long)x.i + 1)];
    }

    private static int LinesBefore(long[] lineEnds, long offset)
    {
        var index = Array.BinarySearch(lineEnds, offset);
        return index >= 0 ? index + 1 : ~index;
    }

    private string[] ShipArguments(StackPipeline pipeline, string log, string positions) =>
        ["ship", log, "--topic", pipeline.Topic, "--positions", positions, "--bootstrap", kafka.BootstrapServers];

    /// <summary>
    /// Starts the shipper with small batches (so it is slow enough to stop in the middle), waits
    /// until the topic holds at least <see cref="UnsavedBeforeKill"/> records of this run past its
    /// last saved position, and kills it: those lines are sent again by the next run.
    /// </summary>
    private void ShipUntilAnUnsavedBurstThenKill(StackPipeline pipeline, string log, string positions, long[] lineEnds)
    {
        var recordsBefore = TopicRecords(pipeline.Topic);
        var savedBefore = LinesBefore(lineEnds, SavedOffset(positions, pipeline.Topic));
        using var shipper = CliProcess.Start(pipeline.Folder.Path, [.. ShipArguments(pipeline, log, positions), "--linger-ms", "50", "--max-queued-lines", "100"]);
        shipper.OutputDataReceived += (_, _) => { };
        shipper.ErrorDataReceived += (_, _) => { };
        shipper.BeginOutputReadLine();
        shipper.BeginErrorReadLine();
        // A guard against a hang, not a timing assertion.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.False(shipper.HasExited, "the shipper ended before it was killed");
            Assert.True(DateTime.UtcNow < deadline, "the shipper never got ahead of its saved position");
            var sent = TopicRecords(pipeline.Topic) - recordsBefore;
            var saved = LinesBefore(lineEnds, SavedOffset(positions, pipeline.Topic)) - savedBefore;
            if (sent - saved >= UnsavedBeforeKill)
                break;
            Thread.Sleep(20);
        }
        shipper.Kill(); // SIGKILL: no flush, no final save
        shipper.WaitForExit();
        Assert.True(SavedOffset(positions, pipeline.Topic) < new FileInfo(log).Length, "the shipper was not killed in the middle");
    }

    private static long SavedOffset(string positions, string topic)
    {
        var file = Path.Combine(positions, topic + ".positions.json");
        if (!File.Exists(file))
            return 0;
        using var json = JsonDocument.Parse(File.ReadAllBytes(file)); // saved by rename: never torn
        return json.RootElement.GetProperty("files").EnumerateArray().Sum(f => f.GetProperty("offset").GetInt64());
    }

    private IConsumer<Ignore, Ignore>? _counter;

    /// <summary>Records in the topic now: the sum of its partitions' high watermarks.</summary>
    private long TopicRecords(string topic)
    {
        _counter ??= new ConsumerBuilder<Ignore, Ignore>(kafka.Options().ToConsumerConfig("playstream-it-count"))
            .SetLogHandler((_, _) => { }).Build();
        return Enumerable.Range(0, 3).Sum(p => _counter.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public void Dispose() => _counter?.Dispose();
}
