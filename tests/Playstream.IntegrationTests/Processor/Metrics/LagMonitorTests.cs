using Confluent.Kafka;
using Playstream.Core.Streaming.Runtime;
using Playstream.IntegrationTests.Kafka;
using Playstream.Processor.Metrics;

namespace Playstream.IntegrationTests.Processor.Metrics;

/// <summary>The lag monitor asking the real broker for high watermarks while the metrics hold the positions.</summary>
[Collection(KafkaCollection.Name)]
public sealed class LagMonitorTests(KafkaBroker broker)
{
    [Fact]
    public async Task Each_held_partitions_lag_is_its_high_watermark_minus_its_position()
    {
        var topic = await broker.CreateTopicAsync("lag", 3);
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 12).Select(i => (i < 10 ? 0 : 1, (string?)null, $"line {i}")));
        var metrics = new ProcessorMetrics("g", topic);
        metrics.Polled(new RunnerStats(), [(0, 4L), (1, 2L)], topic); // partition 2 is not held here

        await using (new LagMonitor(metrics, broker.Options(), TimeSpan.FromMilliseconds(100)))
        {
            var scrape = await WaitForAsync(metrics, s => s.Value("playstream_partition_lag", ("partition", "0")) is not null
                && s.Value("playstream_partition_lag", ("partition", "1")) is not null);

            Assert.Equal(6, scrape.Value("playstream_partition_lag", ("partition", "0")));
            Assert.Equal(10, scrape.Value("playstream_partition_high_watermark", ("partition", "0")));
            Assert.Equal(0, scrape.Value("playstream_partition_lag", ("partition", "1")));
            Assert.Null(scrape.Value("playstream_partition_lag", ("partition", "2")));
        }
    }

    [Fact]
    public async Task A_broker_that_does_not_answer_leaves_the_figures_unset_and_stopping_still_works()
    {
        var nowhere = broker.Options();
        nowhere.BootstrapServers = $"127.0.0.1:{TestSupport.FreePort.Next()}";
        var metrics = new ProcessorMetrics("g", "t");
        metrics.Polled(new RunnerStats(), [(0, 4L)], "t");

        var monitor = new LagMonitor(metrics, nowhere, TimeSpan.FromMilliseconds(50));
        await Task.Delay(TimeSpan.FromSeconds(4)); // a query times out after 3 s
        await monitor.DisposeAsync();

        Assert.Null((await TestSupport.Scrape.FromAsync(s => metrics.Registry.CollectAndExportAsTextAsync(s))).Value("playstream_partition_lag", ("partition", "0")));
    }

    private static async Task<TestSupport.Scrape> WaitForAsync(ProcessorMetrics metrics, Func<TestSupport.Scrape, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var scrape = await TestSupport.Scrape.FromAsync(s => metrics.Registry.CollectAndExportAsTextAsync(s));
            if (ready(scrape) || DateTime.UtcNow > deadline)
                return scrape;
            await Task.Delay(50);
        }
    }
}
