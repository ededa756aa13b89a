using Playstream.IntegrationTests.Kafka;
using Playstream.Shipping;
using Playstream.Shipping.Sinks;

namespace Playstream.IntegrationTests.Shipping;

/// <summary>The shipper following files live, into the real broker.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ShipperKafkaTests(KafkaBroker broker) : IDisposable
{
    private const int Partitions = 3;
    private readonly string _folder = Directory.CreateTempSubdirectory("playstream-it-ship-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task A_growing_file_and_a_partial_last_line_arrive_whole_and_once()
    {
        var topic = await broker.CreateTopicAsync("ship-grow", Partitions);
        var written = new List<string>();
        File.WriteAllText(PathOf("plays.log"), ShipLog.Lines(0, 500));
        await using var shipping = Follow(topic, PathOf("plays.log"));

        shipping.WaitForAcknowledged(500);
        File.AppendAllText(PathOf("plays.log"), ShipLog.Lines(500, 500));
        var partial = ShipLog.Line(1000);
        File.AppendAllText(PathOf("plays.log"), partial[..10]); // the writer is in the middle of a line
        shipping.WaitForAcknowledged(1000);
        File.AppendAllText(PathOf("plays.log"), partial[10..] + "\n" + ShipLog.Lines(1001, 10));
        shipping.WaitForAcknowledged(1011);
        await shipping.StopAsync();

        written.AddRange(ShipLog.Lines(0, 1011).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        ShipLog.AssertShipped(TopicContents.Read(broker.Options(), topic, Partitions), written, exactlyOnce: true);
    }

    [Fact]
    public async Task Rotation_by_rename_finishes_the_old_file_and_never_ships_it_again_though_the_glob_matches_it()
    {
        var topic = await broker.CreateTopicAsync("ship-rotate", Partitions);
        File.WriteAllText(PathOf("app.log"), ShipLog.Lines(0, 200));
        await using var shipping = Follow(topic, PathOf("app.log*"));

        shipping.WaitForAcknowledged(200);
        File.Move(PathOf("app.log"), PathOf("app.log.1"));
        File.AppendAllText(PathOf("app.log.1"), ShipLog.Lines(200, 50)); // the application has not reopened yet
        File.WriteAllText(PathOf("app.log"), ShipLog.Lines(250, 150));
        shipping.WaitForAcknowledged(400);
        await shipping.StopAsync();

        var written = ShipLog.Lines(0, 400).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ShipLog.AssertShipped(TopicContents.Read(broker.Options(), topic, Partitions), written, exactlyOnce: true);
    }

    [Fact]
    public async Task A_truncated_file_is_followed_again_from_its_start()
    {
        var topic = await broker.CreateTopicAsync("ship-truncate", Partitions);
        File.WriteAllText(PathOf("app.log"), ShipLog.Lines(0, 100));
        await using var shipping = Follow(topic, PathOf("app.log"));

        shipping.WaitForAcknowledged(100);
        using (var file = new FileStream(PathOf("app.log"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            file.SetLength(0); // copytruncate
        File.AppendAllText(PathOf("app.log"), ShipLog.Lines(100, 40));
        shipping.WaitForAcknowledged(140);
        await shipping.StopAsync();

        var written = ShipLog.Lines(0, 140).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ShipLog.AssertShipped(TopicContents.Read(broker.Options(), topic, Partitions), written, exactlyOnce: true);
    }

    private Following Follow(string topic, string pattern)
    {
        var sink = new KafkaLineSink(broker.Options(), topic);
        var options = new ShipperOptions { Patterns = [pattern], PollInterval = TimeSpan.FromMilliseconds(50) };
        return new Following(new Shipper(options, sink, store: null), sink);
    }

    /// <summary>A shipper running on its own thread until stopped.</summary>
    private sealed class Following : IAsyncDisposable
    {
        private readonly Shipper _shipper;
        private readonly KafkaLineSink _sink;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<ShipResult> _running;

        public Following(Shipper shipper, KafkaLineSink sink)
        {
            _shipper = shipper;
            _sink = sink;
            _running = Task.Run(() => shipper.Run(_stop.Token));
        }

        public void WaitForAcknowledged(long lines)
        {
            // A guard against a hang, not a performance bound.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (_sink.Acknowledged < lines)
            {
                if (_running.IsCompleted)
                    throw new InvalidOperationException($"the shipper stopped: {_running.Result.Failure}");
                Assert.True(DateTime.UtcNow < deadline, $"only {_sink.Acknowledged} of {lines} lines acknowledged");
                Thread.Sleep(20);
            }
            Assert.Equal(lines, _sink.Acknowledged);
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            var result = await _running;
            Assert.Null(result.Failure);
            Assert.True(result.AllAcknowledged);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_running.IsCompleted)
                await _stop.CancelAsync();
            await _running.ConfigureAwait(false);
            _shipper.Dispose();
            _sink.Dispose();
            _stop.Dispose();
        }
    }
}
