using System.Diagnostics;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Resilience;
using Playstream.Core.Streaming;
using Playstream.Core.Streaming.Runtime;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Producing;
using Playstream.Kafka.Streaming;
using Playstream.Processor.Metrics;
using Playstream.Redis;
using Playstream.Redis.Streaming;

namespace Playstream.Processor;

/// <summary>
/// <c>playstream process</c>: one member of a streaming job on the servers. Connects the
/// topology's runner (<see cref="StreamRunner"/>) to Kafka (the input and repartition topics,
/// dead letters), Redis (lookups, task state, results) and Elasticsearch (plays and results),
/// and runs it until stopped, or with <c>--until-idle</c> until the group has finished.
/// </summary>
public sealed class StreamProcessor(StreamProcessorOptions options, Action<string> report)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(10);

    /// <summary>Where the run's figures go (<c>--metrics-port</c>); null keeps none.</summary>
    public ProcessorMetrics? Metrics { get; init; }

    /// <summary>The runner's figures once it runs (for benchmarks).</summary>
    public RunnerStats? Stats { get; private set; }

    public async Task<ProcessorSummary> RunAsync(CancellationToken stop)
    {
        var watch = Stopwatch.StartNew();
        options.Kafka.Log ??= report;
        options.Analytics.Validate();
        var retry = new ServerRetry(report, FailureReason.Of);

        using var redis = await RedisConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        var keys = options.Redis.Keys;
        var lookups = LookupTables.Empty();
        var cache = new RedisLookupCache(redis, keys, lookups, options.LookupRefreshInterval);
        cache.Report += (_, message) => report(message);
        await retry.RunAsync($"reading customers and tracks from redis at {options.Redis.Describe()}", cache.RefreshAsync, stop).ConfigureAwait(false);
        report(lookups.Customers.Count == 0
            ? "no customers in redis yet: every play counts as an unknown customer until `playstream load customers FILE` runs"
            : $"lookups: {lookups.Customers.Count:N0} customers, {lookups.Tracks.Count:N0} tracks (refreshed every {options.LookupRefreshInterval.TotalSeconds:0}s)");
        using var stopRefresh = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var refresh = cache.RunAsync(stopRefresh.Token);

        using var es = new ElasticsearchClient(options.Elasticsearch with { OnRetry = notice => report(notice.ToString()) });
        var indices = new PlaystreamIndices(options.IndexPrefix);
        var esResults = new ElasticsearchResultsWriter(es, indices);
        await retry.RunAsync("creating the result indices in elasticsearch", esResults.EnsureIndicesAsync, stop).ConfigureAwait(false);
        var pool = new PlayBatchPool();
        ElasticsearchPlaySink? plays = null;
        if (options.IndexPlays)
        {
            plays = new ElasticsearchPlaySink(es, indices.Plays, () => lookups, pool, report);
            await retry.RunAsync("creating the plays index in elasticsearch", plays.EnsureIndexAsync, stop).ConfigureAwait(false);
        }

        var repartitionTopic = TopicNames.Repartition(options.Group, options.Topic);
        var input = await PrepareTopicsAsync(retry, repartitionTopic, stop).ConfigureAwait(false);
        var topology = new TopologySettings
        {
            Topic = options.Topic,
            Partitions = input.Partitions.Count,
            Analytics = options.Analytics,
            AllowedLatenessSeconds = options.AllowedLateness is { } lateness ? (long)lateness.TotalSeconds : null,
            PartitionIdleTimeout = options.PartitionIdleTimeout,
        };
        report($"topology: {topology.Partitions} partitions; plays not keyed by customer go through {repartitionTopic}; task state under job {options.Job} in redis");

        var finished = false;
        var runnerStats = (RunnerStats?)null;
        using (var deadLetters = new KafkaDeadLetterSink(options.Kafka, options.DeadLetterTopic ?? TopicNames.DeadLetters(options.Topic)))
        using (var repartition = new KafkaRepartitionProducer(options.Kafka, repartitionTopic))
        using (var source = new KafkaRecordSource(options.Kafka, options.Group, options.Topic, repartitionTopic, topology.Partitions))
        {
            var ports = new StreamPorts
            {
                Source = source,
                Repartition = repartition,
                Store = new RedisTaskStore(redis, keys, options.Job, topology.Partitions),
                Results = new StackResultSink(esResults, new RedisResultsWriter(redis, keys)),
                DeadLetters = Metrics?.Watch(deadLetters) ?? deadLetters,
                FlushDeadLetters = token => Task.Run(() => deadLetters.Flush(TimeSpan.FromSeconds(30)), token),
                Plays = plays,
                Pool = pool,
                Retry = retry,
                StoreName = $"redis at {options.Redis.Describe()}",
                ResultsName = "elasticsearch and redis",
                RepartitionName = $"kafka topic {repartitionTopic}",
            };
            var runnerOptions = new RunnerOptions
            {
                FlushInterval = options.FlushInterval,
                UntilIdle = options.UntilIdle,
                Threads = options.Threads,
                ReclaimAfterFenced = TimeSpan.FromMilliseconds(options.Kafka.SessionTimeoutMs) + TimeSpan.FromSeconds(5),
            };
            using var runner = new StreamRunner(topology, runnerOptions, ports, lookups, report);
            Stats = runnerStats = runner.Stats;
            finished = await RunAsync(runner, stop).ConfigureAwait(false);
            source.Close(TimeSpan.FromSeconds(5));
        }
        if (plays is not null)
            await plays.DisposeAsync().ConfigureAwait(false);
        await stopRefresh.CancelAsync().ConfigureAwait(false);
        await refresh.ConfigureAwait(false);

        var stats = runnerStats!;
        report(finished
            ? "the group has taken every partition to its end and written everything: done"
            : options.UntilIdle ? "stopped before the group finished" : "stopped");
        return new ProcessorSummary(stats.Records, stats.Events, stats.Repartitioned, stats.Duplicates, plays?.PlaysWritten ?? 0, stats.Flushes, watch.Elapsed, finished);
    }

    private async Task<bool> RunAsync(StreamRunner runner, CancellationToken stop)
    {
        var finished = false;
        var lastReport = Stopwatch.StartNew();
        long reportedFlushes = 0;
        try
        {
            while (!stop.IsCancellationRequested && !finished)
            {
                finished = await runner.StepAsync(stop).ConfigureAwait(false);
                Metrics?.Polled(runner.Stats, runner.Positions, options.Topic);
                if (runner.Stats.Flushes > reportedFlushes && (reportedFlushes == 0 || lastReport.Elapsed >= ReportEvery))
                {
                    reportedFlushes = runner.Stats.Flushes;
                    lastReport.Restart();
                    Flushed(runner);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await runner.FinishAsync().ConfigureAwait(false);
        Flushed(runner);
        return finished;
    }

    private void Flushed(StreamRunner runner)
    {
        var s = runner.Stats;
        var flushMs = s.FlushMilliseconds;
        Metrics?.Flushed(s);
        var t = s.Time;
        report($"time: waiting for records {t.Wait.TotalSeconds:F1} s, taking {t.Take.TotalSeconds:F1} s, merging {t.Merge.TotalSeconds:F1} s, cutting {t.Cut.TotalSeconds:F1} s, committing {t.Commit.TotalSeconds:F1} s, results {t.Results.TotalSeconds:F1} s, sinks {t.SinkFlush.TotalSeconds:F1} s; " +
            $"garbage collections {GC.CollectionCount(0):N0}/{GC.CollectionCount(1):N0}/{GC.CollectionCount(2):N0} (gen 0/1/2), {GC.GetTotalPauseDuration().TotalSeconds:F1} s paused, {GC.GetTotalAllocatedBytes() / 1e6:N0} MB allocated");
        report($"flushed: {s.Events:N0} events taken here, {s.Records:N0} records read ({s.Repartitioned:N0} sent on to their customer's partition, {s.Duplicates:N0} resends skipped), " +
            $"{runner.Partitions.Count} partition(s) here, {s.Flushes:N0} commits ({(flushMs.Count > 0 ? flushMs[^1] : 0):F0} ms last), {s.PartialsMerged:N0} partials merged, {s.ResultsWritten:N0} results written");
    }

    /// <summary>Waits for the input topic (reporting), and makes the repartition topic with as many partitions.</summary>
    private async Task<TopicLayout> PrepareTopicsAsync(ServerRetry retry, string repartitionTopic, CancellationToken stop)
    {
        using var admin = new TopicAdmin(options.Kafka) { Timeout = TimeSpan.FromSeconds(30) };
        var input = await retry.RunAsync($"reading topic {options.Topic} from kafka", _ => Task.FromResult(
            StreamTopics.Input(admin, options.Topic) ?? throw new TopicAdminException(
                $"topic {options.Topic} does not exist (create it: playstream topic create {options.Topic} --partitions N)", TopicAdminFailure.NotFound)), stop).ConfigureAwait(false);
        await retry.RunAsync($"creating kafka topic {repartitionTopic}", async token =>
        {
            try
            {
                await StreamTopics.EnsureRepartitionAsync(admin, repartitionTopic, input, token).ConfigureAwait(false);
            }
            catch (TopicAdminException e) when (e.Failure == TopicAdminFailure.NotConfigured)
            {
                // A setting that is missing stops start-up; waiting would not mend it.
                throw new Core.Engine.SettingsException($"cannot create {repartitionTopic}: {e.Message}");
            }
        }, stop).ConfigureAwait(false);
        return input;
    }
}
