using Confluent.Kafka;
using Playstream.Core.Streaming.Runtime;
using Playstream.Processor.Metrics;
using Playstream.TestSupport;

namespace Playstream.Processor.Tests.Metrics;

/// <summary>The metrics of one instance, read from its registry as Prometheus would scrape it, and the state /health reports.</summary>
public sealed class ProcessorMetricsTests
{
    private readonly ProcessorMetrics _metrics = new("g1", "plays");

    [Fact]
    public async Task Retry_lines_are_counted_by_server_and_still_reported()
    {
        var heard = new List<string>();
        var report = _metrics.Watch(heard.Add);
        report("writing results to redis failed (timeout); retrying in 1s");
        report("checkpointing plays/0 failed (timeout); retrying in 2s");
        report("elasticsearch unreachable at http://127.0.0.1:9200/ (Connection refused), retrying in 200ms (attempt 2 of 5)");
        report("kafka error: 1/1 brokers are down");
        report("flushed: 10 events, 0 dead letters, 1 partition(s) here, 10 records read");

        Assert.Equal(5, heard.Count);
        var scrape = await Scrape.FromAsync(s => _metrics.Registry.CollectAndExportAsTextAsync(s));
        Assert.Equal(2, scrape.Value("playstream_sink_retries_total", ("sink", "redis")));
        Assert.Equal(1, scrape.Value("playstream_sink_retries_total", ("sink", "elasticsearch")));
        Assert.Null(scrape.Value("playstream_sink_retries_total", ("sink", "kafka")));
        Assert.Equal(1, scrape.Value("playstream_kafka_client_errors_total"));
    }

    [Fact]
    public async Task Counters_follow_the_runners_totals_and_every_sample_carries_the_group_and_topic()
    {
        var stats = new RunnerStats();
        stats.AddRecords(records: 10, events: 8, duplicates: 1, repartitioned: 0);
        _metrics.Polled(stats, [(0, 10L)], "plays");
        stats.AddRecords(records: 25, events: 20, duplicates: 1, repartitioned: 3);
        _metrics.Polled(stats, [(0, 25L)], "plays");

        var scrape = await Scrape.FromAsync(s => _metrics.Registry.CollectAndExportAsTextAsync(s));
        Assert.Equal(25, scrape.Value("playstream_records_total", ("group", "g1"), ("topic", "plays")));
        Assert.Equal(20, scrape.Value("playstream_events_total"));
        Assert.Equal(1, scrape.Value("playstream_shipper_duplicates_total"));
    }

    [Fact]
    public async Task Held_partitions_show_their_position_and_lag_against_the_latest_high_watermark()
    {
        _metrics.Polled(new RunnerStats(), [(0, 100L), (2, 40L)], "plays");
        _metrics.SetLag(new TopicPartition("plays", 0), 130);
        _metrics.SetLag(new TopicPartition("plays", 2), 30);   // a watermark read before the position moved past it: no negative lag
        _metrics.SetLag(new TopicPartition("plays", 1), 500);  // not held here: ignored

        var scrape = await Scrape.FromAsync(s => _metrics.Registry.CollectAndExportAsTextAsync(s));
        Assert.Equal(2, scrape.Value("playstream_partitions_assigned"));
        Assert.Equal(100, scrape.Value("playstream_partition_position", ("partition", "0")));
        Assert.Equal(30, scrape.Value("playstream_partition_lag", ("partition", "0")));
        Assert.Equal(0, scrape.Value("playstream_partition_lag", ("partition", "2")));
        Assert.Null(scrape.Value("playstream_partition_high_watermark", ("partition", "1")));
        Assert.Equal(new HealthReport(HealthReport.Assigned, 2, null), _metrics.Health());
    }

    [Fact]
    public async Task A_partition_given_away_leaves_the_page_and_the_lag_follows_the_position()
    {
        _metrics.Polled(new RunnerStats(), [(0, 100L), (1, 5L)], "plays");
        _metrics.SetLag(new TopicPartition("plays", 0), 130);
        Thread.Sleep(600); // positions are taken at most twice a second

        _metrics.Polled(new RunnerStats(), [(0, 120L)], "plays");

        var scrape = await Scrape.FromAsync(s => _metrics.Registry.CollectAndExportAsTextAsync(s));
        Assert.Equal(10, scrape.Value("playstream_partition_lag", ("partition", "0")));
        Assert.Null(scrape.Value("playstream_partition_position", ("partition", "1")));
        Assert.Equal([(new TopicPartition("plays", 0), (long?)120)], _metrics.Positions());
    }

    [Fact]
    public async Task A_flush_records_when_how_long_and_how_many_bytes()
    {
        var before = DateTimeOffset.UtcNow;
        _metrics.Flushed(TimeSpan.FromMilliseconds(40), bytes: 2048, flushes: 7);

        var scrape = await Scrape.FromAsync(s => _metrics.Registry.CollectAndExportAsTextAsync(s));
        Assert.Equal(7, scrape.Value("playstream_flushes_total"));
        Assert.Equal(2048, scrape.Value("playstream_checkpoint_bytes"));
        Assert.Equal(0.04, scrape.Value("playstream_checkpoint_duration_seconds_sum")!.Value, 6);
        Assert.InRange(scrape.Value("playstream_last_flush_timestamp_seconds")!.Value, before.ToUnixTimeSeconds() - 1, before.ToUnixTimeSeconds() + 60);
        Assert.Equal(HealthReport.Waiting, _metrics.Health().Status);
        Assert.NotNull(_metrics.Health().LastFlush);
    }

    [Fact]
    public void A_failure_turns_health_to_failed_naming_the_server()
    {
        _metrics.Failed(new InvalidOperationException("wrapped", new Confluent.Kafka.KafkaException(Confluent.Kafka.ErrorCode.Local_Transport)));

        var health = _metrics.Health();
        Assert.Equal((HealthReport.Failed, 503), (health.Status, health.HttpStatus));
        Assert.Equal("kafka: wrapped", health.Reason);
    }
}
