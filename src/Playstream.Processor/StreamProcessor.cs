using System.Diagnostics;
using Confluent.Kafka;
using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Results;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Kafka.Admin;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Consuming;
using Playstream.Kafka.Processing;
using Playstream.Kafka.Producing;
using Playstream.Processor.Metrics;
using Playstream.Redis;
using StackExchange.Redis;

namespace Playstream.Processor;

/// <summary>
/// The full-stack pipeline: a Kafka consumer-group member that enriches plays from a Redis
/// lookup cache, runs the engine per partition, and on every flush writes plays to
/// Elasticsearch, results to Elasticsearch and Redis, each partition's checkpoint (state +
/// next offset) to Redis, and only then commits the offsets. A crash between two flushes
/// replays records after the last checkpoint; plays and results are upserts under
/// deterministic ids, so the replay rewrites the same documents.
/// </summary>
// The connections below live for one RunAsync call, which creates and disposes them.
#pragma warning disable CA1001
public sealed class StreamProcessor(StreamProcessorOptions options, Action<string> report)
#pragma warning restore CA1001
{
    private KafkaPartitionProcessor _processor = null!;
    private ICheckpointStore _checkpoints = null!;
    private KafkaLineSource _source = null!;
    private KafkaDeadLetterSink _deadLetters = null!;
    private ElasticsearchPlaySink? _plays;
    private ElasticsearchResultsWriter _esResults = null!;
    private RedisResultsWriter _redisResults = null!;
    private CancellationToken _cancel;
    private int _flushes;
    // Offsets the group has not committed yet though the checkpoints hold them: after a failed
    // commit, or partitions restored from checkpoints ahead of the group's offsets (the last
    // owner's commit failed). A flush commits them even when nothing new was read.
    private bool _commitDue;
    // With --allowed-lateness: the horizon the last flush's results made final (its windows were
    // written then), evicted from the partitions' state at the next flush; and what was evicted.
    private long? _pendingHorizon;
    private long? _evictedHorizon;
    private TopicPartitionCount? _partitionCount;

    // The last flush of a stop may wait this long for a server that is down; then the stop goes on.
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);
    private readonly CancellationTokenSource _stopGrace = new();

    /// <summary>Where the run's figures go (<c>--metrics-port</c>); null keeps none.</summary>
    public ProcessorMetrics? Metrics { get; init; }

    public async Task<ProcessorSummary> RunAsync(CancellationToken cancellationToken)
    {
        _cancel = cancellationToken;
        using var graceOnStop = cancellationToken.Register(() => _stopGrace.CancelAfter(StopGrace));
        var watch = Stopwatch.StartNew();
        // The client's own errors (a broker that is down or refuses the protocol) reach the operator.
        options.Kafka.Log ??= report;
        options.Analytics.Validate();

        using var redis = await RedisConnection.ConnectAsync(options.Redis).ConfigureAwait(false);
        var keys = options.Redis.Keys;
        var lookups = LookupTables.Empty();
        var cache = new RedisLookupCache(redis, keys, lookups, options.LookupRefreshInterval);
        cache.Report += (_, message) => report(message);
        await Persistently.RunAsync($"reading customers and tracks from redis at {options.Redis.Describe()}",
            () => cache.RefreshAsync(cancellationToken), report, cancellationToken).ConfigureAwait(false);
        report(lookups.Customers.Count == 0
            ? "no customers in redis yet: every play counts as an unknown customer until `playstream load customers FILE` runs"
            : $"lookups: {lookups.Customers.Count:N0} customers, {lookups.Tracks.Count:N0} tracks (refreshed every {options.LookupRefreshInterval.TotalSeconds:0}s)");
        using var stopRefresh = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var refresh = cache.RunAsync(stopRefresh.Token);

        using var es = new ElasticsearchClient(options.Elasticsearch with { OnRetry = notice => report(notice.ToString()) });
        var indices = new PlaystreamIndices(options.IndexPrefix);
        _esResults = new ElasticsearchResultsWriter(es, indices);
        await Persistently.RunAsync("creating the result indices", () => _esResults.EnsureIndicesAsync(cancellationToken), report, cancellationToken).ConfigureAwait(false);
        var pool = new PlayBatchPool();
        if (options.IndexPlays)
        {
            _plays = new ElasticsearchPlaySink(es, indices.Plays, () => lookups, pool, report);
            await Persistently.RunAsync("creating the plays index", () => _plays.EnsureIndexAsync(cancellationToken), report, cancellationToken).ConfigureAwait(false);
        }
        _redisResults = new RedisResultsWriter(redis, keys);
        _checkpoints = new RedisCheckpointStore(redis, keys);

        using (_deadLetters = new KafkaDeadLetterSink(options.Kafka, options.DeadLetterTopic ?? TopicNames.DeadLetters(options.Topic)))
        using (_source = new KafkaLineSource(options.Kafka, options.Group, [options.Topic]))
        {
            _processor = new KafkaPartitionProcessor(options.Analytics, lookups, Metrics?.Watch(_deadLetters) ?? _deadLetters, _plays, pool)
            {
                AllowedLatenessSeconds = options.AllowedLateness is { } lateness ? (long)lateness.TotalSeconds : null,
            };
            _source.PartitionsAssigned = Assign;
            _source.PartitionsRevoked = Revoke;
            try
            {
                await ConsumeAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // A clean stop leaves the group after a last flush (the revoke callback does it).
                if (!cancellationToken.IsCancellationRequested || _processor.Partitions.Count > 0)
                    _source.Close();
            }
        }
        if (_plays is not null)
            await _plays.DisposeAsync().ConfigureAwait(false);
        await stopRefresh.CancelAsync().ConfigureAwait(false);
        await refresh.ConfigureAwait(false);

        var totals = _lastResults?.Summary;
        return new ProcessorSummary(_processor.Records, _processor.ReplayedRecords, _processor.ShipperDuplicates, totals?.Events ?? 0, totals?.DeadLetters ?? 0,
            _plays?.PlaysWritten ?? 0, _flushes, watch.Elapsed);
    }

    private AnalyticsResults? _lastResults;

    private async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var sinceFlush = Stopwatch.StartNew();
        var dirty = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batches = _source.Poll(TimeSpan.FromMilliseconds(200), cancellationToken);
            foreach (var batch in batches)
                _processor.Process(batch);
            Metrics?.Polled(_processor);
            dirty |= batches.Count > 0;
            var idle = options.UntilIdle && _source.IsIdle(options.IdleAfter);
            if (((dirty || _commitDue) && sinceFlush.Elapsed >= options.FlushInterval) || (idle && (dirty || _flushes == 0)))
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                sinceFlush.Restart();
                dirty = false;
            }
            if (idle && !dirty)
            {
                // The last flush made more final: evict and checkpoint it, so the state left behind is bounded too.
                if (_pendingHorizon != _evictedHorizon && _processor.Partitions.Count > 0)
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                report("caught up on every partition and idle: done");
                return;
            }
        }
    }

    /// <summary>Plays, dead letters, checkpoints, results, then offsets: each step retried until it succeeds.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_plays is not null)
            await _plays.FlushAsync(cancellationToken).ConfigureAwait(false);
        await Persistently.RunAsync("sending dead letters to kafka", () => Task.Run(() => _deadLetters.Flush(TimeSpan.FromSeconds(30)), cancellationToken), report, cancellationToken).ConfigureAwait(false);

        var owned = _processor.Partitions;
        EvictFinalState(owned);
        var checkpointStart = Stopwatch.GetTimestamp();
        long checkpointBytes = 0;
        foreach (var partition in owned)
        {
            var state = _processor.State(partition.Topic, partition.Partition.Value);
            if (state?.NextOffset is not { } next)
                continue;
            var snapshot = Snapshot(state.Analytics);
            checkpointBytes += snapshot.Length;
            var checkpoint = new PartitionCheckpoint(PartitionSource.Of(partition.Topic, partition.Partition.Value), next, snapshot, state.ShipperMarks);
            await Persistently.RunAsync($"checkpointing {checkpoint.Source}", () => _checkpoints.SaveAsync(options.CheckpointScope, checkpoint, cancellationToken), report, cancellationToken).ConfigureAwait(false);
        }
        var checkpointTime = Stopwatch.GetElapsedTime(checkpointStart);

        // Results are rewritten until the other instances' checkpoints they were built from are
        // still the latest after the write: of two instances flushing at once, the one writing
        // last has then seen the other's final state, so the stored results are never stale.
        AnalyticsResults results;
        IReadOnlyCollection<long?> latestPlays;
        while (true)
        {
            var (computed, breakdowns, seen, latest) = await GlobalResultsAsync(owned, cancellationToken).ConfigureAwait(false);
            results = computed;
            latestPlays = latest;
            await Persistently.RunAsync("writing results to elasticsearch", () => _esResults.WriteAsync(results, breakdowns, cancellationToken), report, cancellationToken).ConfigureAwait(false);
            await Persistently.RunAsync("writing results to redis", () => _redisResults.WriteAsync(results, cancellationToken), report, cancellationToken).ConfigureAwait(false);
            if (await OthersUnchangedAsync(seen, owned, cancellationToken).ConfigureAwait(false))
                break;
        }
        try
        {
            _source.Commit(_processor.OffsetsToCommit());
            _commitDue = false;
        }
        catch (KafkaException e)
        {
            // The checkpoints just written hold these offsets and a partition resumes from its
            // checkpoint, so a commit that fails (the broker down, or the group rebalanced while
            // it was) loses nothing; the next flush commits again.
            _commitDue = true;
            report($"committing offsets to kafka failed ({e.Error.Reason}); retrying in the next flush (the checkpoints hold them)");
        }
        _lastResults = results;
        _flushes++;
        await NoteFinalHorizonAsync(latestPlays, cancellationToken).ConfigureAwait(false);
        Metrics?.Flushed(checkpointTime, checkpointBytes, _evictedHorizon);
        var final = _evictedHorizon is { } evicted ? $", state kept from {Core.Export.IsoTime.Format(evicted)} on" : "";
        report($"flushed: {results.Summary.Events:N0} events, {results.Summary.DeadLetters:N0} dead letters, {owned.Count} partition(s) here, {_processor.Records:N0} records read, {_processor.ShipperDuplicates:N0} shipper duplicates skipped{final}");
    }

    /// <summary>
    /// This instance's partitions merged with the latest checkpoints of the partitions other
    /// instances hold: the combine step that makes N instances give the results of one.
    /// </summary>
    /// <remarks>Also gives each partition's latest event time as the view saw it: what the final horizon is taken from.</remarks>
    private async Task<(AnalyticsResults Results, Core.Operators.Breakdowns.BreakdownResults Breakdowns, string Seen, IReadOnlyCollection<long?> LatestPlays)> GlobalResultsAsync(IReadOnlyList<TopicPartition> owned, CancellationToken cancellationToken)
    {
        var merged = _processor.MergeAll();
        var latest = owned.Select(p => _processor.State(p.Topic, p.Partition.Value)?.Analytics.MaxEventTime).ToList();
        var others = await OtherCheckpointsAsync(owned, cancellationToken).ConfigureAwait(false);
        foreach (var other in others)
        {
            var analytics = Restore(other.Snapshot);
            latest.Add(analytics.MaxEventTime);
            merged.Merge(analytics);
        }
        return (merged.ComputeResults(), merged.ComputeBreakdowns(), Describe(others), latest);
    }

    /// <summary>
    /// With an allowed lateness, the results just written are final up to the slowest partition's
    /// latest play minus the lateness (<see cref="FinalHorizon"/>); that is evicted at the next flush.
    /// </summary>
    private async Task NoteFinalHorizonAsync(IReadOnlyCollection<long?> latestPlays, CancellationToken cancellationToken)
    {
        if (options.AllowedLateness is not { } lateness)
            return;
        _partitionCount ??= new TopicPartitionCount(options.Kafka, options.Topic);
        int partitions = 0;
        await Persistently.RunAsync($"reading the partition count of {options.Topic}", () => Task.Run(() => partitions = _partitionCount.Get(), cancellationToken), report, cancellationToken).ConfigureAwait(false);
        if (FinalHorizon.Of(latestPlays, partitions, (long)lateness.TotalSeconds) is { } horizon && (_pendingHorizon is not { } pending || horizon > pending))
            _pendingHorizon = horizon;
    }

    /// <summary>Drops from the held partitions what only the windows made final by the last flush needed.</summary>
    private void EvictFinalState(IReadOnlyList<TopicPartition> owned)
    {
        if (_pendingHorizon is not { } horizon)
            return;
        foreach (var partition in owned)
            _processor.State(partition.Topic, partition.Partition.Value)?.Analytics.EvictBefore(horizon);
        _evictedHorizon = horizon;
    }

    private async Task<bool> OthersUnchangedAsync(string seen, IReadOnlyList<TopicPartition> owned, CancellationToken cancellationToken) =>
        Describe(await OtherCheckpointsAsync(owned, cancellationToken).ConfigureAwait(false)) == seen;

    /// <summary>The latest checkpoints of the partitions this instance does not hold.</summary>
    private async Task<List<PartitionCheckpoint>> OtherCheckpointsAsync(IReadOnlyList<TopicPartition> owned, CancellationToken cancellationToken)
    {
        var mine = owned.Select(p => PartitionSource.Of(p.Topic, p.Partition.Value)).ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<PartitionCheckpoint> all = [];
        await Persistently.RunAsync("reading the other partitions' checkpoints", async () => all = await _checkpoints.LoadAllAsync(options.CheckpointScope, cancellationToken).ConfigureAwait(false), report, cancellationToken).ConfigureAwait(false);
        return all.Where(c => !mine.Contains(c.Source)).ToList();
    }

    private static string Describe(IEnumerable<PartitionCheckpoint> checkpoints) =>
        string.Join(';', checkpoints.Select(c => $"{c.Source}@{c.NextOffset}"));

    private IEnumerable<TopicPartitionOffset>? Assign(IReadOnlyList<TopicPartition> partitions)
    {
        var starts = new List<TopicPartitionOffset>();
        foreach (var partition in partitions)
        {
            var source = PartitionSource.Of(partition.Topic, partition.Partition.Value);
            PartitionCheckpoint? checkpoint = null;
            Persistently.RunAsync($"reading the checkpoint of {source}",
                async () => checkpoint = await _checkpoints.LoadAsync(options.CheckpointScope, source, _cancel).ConfigureAwait(false), report, _cancel).GetAwaiter().GetResult();
            if (checkpoint is null)
            {
                _processor.Assign(partition.Topic, partition.Partition.Value);
                continue;
            }
            _processor.Assign(partition.Topic, partition.Partition.Value,
                new PartitionState(partition.Topic, partition.Partition.Value, Restore(checkpoint.Snapshot), checkpoint.NextOffset, checkpoint.ShipperMarks));
            starts.Add(new TopicPartitionOffset(partition, new Offset(checkpoint.NextOffset)));
            _commitDue = true;
            report($"{source}: restored from its checkpoint, resuming at offset {checkpoint.NextOffset:N0}");
        }
        return starts;
    }

    private void Revoke(IReadOnlyList<TopicPartition> partitions)
    {
        if (partitions.Any(p => _processor.State(p.Topic, p.Partition.Value)?.NextOffset is not null))
        {
            // A rebalance waits for its flush however long a server is down (the partitions must be
            // handed over checkpointed); a stop waits StopGrace, then leaves without it.
            try
            {
                FlushAsync(_stopGrace.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopGrace.IsCancellationRequested)
            {
                report($"stopping without the last flush after waiting {StopGrace.TotalSeconds:0} s: the previous flush's checkpoints and offsets hold, so the records after them will be read again, not lost");
            }
        }
        foreach (var partition in partitions)
            _processor.Revoke(partition.Topic, partition.Partition.Value);
    }

    private static byte[] Snapshot(PartitionAnalytics analytics)
    {
        using var buffer = new MemoryStream();
        analytics.WriteSnapshot(buffer);
        return buffer.ToArray();
    }

    private PartitionAnalytics Restore(byte[] snapshot)
    {
        using var buffer = new MemoryStream(snapshot, writable: false);
        return PartitionAnalytics.ReadSnapshot(buffer, options.Analytics);
    }
}
