using System.Diagnostics;
using Confluent.Kafka;
using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using Playstream.Core.Streaming.Runtime;
using Prometheus;

namespace Playstream.Processor.Metrics;

/// <summary>
/// The Prometheus metrics of one <c>process</c> instance, in a registry of its own (labelled
/// with its group and topic), and the state <c>/health</c> reports. The processor feeds it
/// from its consumer thread through a few calls (<see cref="Polled"/>, <see cref="Flushed"/>);
/// scrapes read it from the HTTP thread, so what both touch is either a metric (thread-safe)
/// or guarded by a lock.
/// </summary>
public sealed class ProcessorMetrics
{
    private static readonly TimeSpan PositionsEvery = TimeSpan.FromMilliseconds(500);

    private readonly Counter _records;
    private readonly Counter _events;
    private readonly Counter _deadLetters;
    private readonly Counter _latePlays;
    private readonly Counter _shipperDuplicates;
    private readonly Counter _flushes;
    private readonly Counter _sinkRetries;
    private readonly Counter _sinkFailures;
    private readonly Counter _kafkaErrors;
    private readonly Gauge _partitionsAssigned;
    private readonly Gauge _lastFlush;
    private readonly Gauge _checkpointAge;
    private readonly Histogram _checkpointDuration;
    private readonly Gauge _checkpointBytes;
    private readonly Gauge _stateHorizon;
    private readonly Gauge _position;
    private readonly Gauge _highWatermark;
    private readonly Gauge _lag;

    private readonly Lock _lock = new();
    private readonly Dictionary<TopicPartition, long?> _positions = [];
    // The last high watermark the lag monitor read of each partition: the lag follows the
    // position as it moves, not only when the monitor next asks (every few seconds).
    private readonly Dictionary<TopicPartition, long> _highs = [];
    private readonly Stopwatch _sincePositions = new();
    private long _deadLetterCount;
    private long _recordsSeen;
    private long _eventsSeen;
    private long _shipperDuplicatesSeen;
    private int _partitions;
    private bool _assignedOnce;
    private DateTimeOffset? _lastFlushAt;
    private long _lastCheckpointTicks;
    private string? _failure;

    public ProcessorMetrics(string group, string topic)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string>(StringComparer.Ordinal) { ["group"] = group, ["topic"] = topic });
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _records = f.CreateCounter("playstream_records_total", "Kafka records read (replays after a rebalance included)");
        _events = f.CreateCounter("playstream_events_total", "Plays counted (records that parsed, not replays)");
        _deadLetters = f.CreateCounter("playstream_dead_letters_total", "Lines that could not become a play, by reason", "reason");
        _latePlays = f.CreateCounter("playstream_late_plays_total", "Plays later than the allowed lateness (dead letters of reason late)");
        _shipperDuplicates = f.CreateCounter("playstream_shipper_duplicates_total", "Records skipped as lines the shipper resent after a crash (at or below their source's mark)");
        _flushes = f.CreateCounter("playstream_flushes_total", "Flushes done: plays, dead letters, checkpoints, results written and offsets committed");
        _sinkRetries = f.CreateCounter("playstream_sink_retries_total", "Writes or reads that failed and are retried, by server", "sink");
        _sinkFailures = f.CreateCounter("playstream_sink_failures_total", "Failures no retry mends (the instance stops), by server", "sink");
        _kafkaErrors = f.CreateCounter("playstream_kafka_client_errors_total", "Errors the Kafka client reported (a broker down, a refused request)");
        _partitionsAssigned = f.CreateGauge("playstream_partitions_assigned", "Partitions this instance holds");
        var suppressed = new GaugeConfiguration { SuppressInitialValue = true };
        _lastFlush = f.CreateGauge("playstream_last_flush_timestamp_seconds", "Unix time of the last flush", suppressed);
        _checkpointAge = f.CreateGauge("playstream_checkpoint_age_seconds", "Seconds since the checkpoints were last written", suppressed);
        _checkpointDuration = f.CreateHistogram("playstream_checkpoint_duration_seconds", "Time to write every held partition's checkpoint to Redis",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        _checkpointBytes = f.CreateGauge("playstream_checkpoint_bytes", "Size of the held partitions' state snapshots written by the last flush", suppressed);
        _stateHorizon = f.CreateGauge("playstream_state_horizon_timestamp_seconds",
            "With --allowed-lateness: the event time up to which results are final and their detail evicted from the state", suppressed);
        _position = f.CreateGauge("playstream_partition_position", "Offset of the next record to read, per partition", "partition");
        _highWatermark = f.CreateGauge("playstream_partition_high_watermark", "Offset after the last record in the partition", "partition");
        _lag = f.CreateGauge("playstream_partition_lag", "Records in the partition not read yet (high watermark - position)", "partition");
        Registry.AddBeforeCollectCallback(() =>
        {
            var ticks = Interlocked.Read(ref _lastCheckpointTicks);
            if (ticks != 0)
                _checkpointAge.Set(Stopwatch.GetElapsedTime(ticks).TotalSeconds);
        });
    }

    public CollectorRegistry Registry { get; }

    /// <summary>The dead-letter sink to hand the processor: it counts each letter by reason, then passes it on.</summary>
    public IDeadLetterSink Watch(IDeadLetterSink sink) => new DeadLetterCounter(sink, this);

    /// <summary>The report callback to hand the processor: it counts retries by server, then passes each line on.</summary>
    public Action<string> Watch(Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return line =>
        {
            if (FailingServer.IsKafkaClientError(line))
                _kafkaErrors.Inc();
            else if (FailingServer.IsRetry(line))
                _sinkRetries.WithLabels(FailingServer.Of(line)).Inc();
            report(line);
        };
    }

    internal void CountDeadLetter(DeadLetterReason reason)
    {
        Interlocked.Increment(ref _deadLetterCount);
        _deadLetters.WithLabels(reason.Name()).Inc();
        if (reason == DeadLetterReason.Late)
            _latePlays.Inc();
    }

    /// <summary>
    /// After each step, on the runner's thread: records, events and resends since the last call,
    /// and (at most twice a second) the held partitions and their input positions for the lag.
    /// </summary>
    public void Polled(RunnerStats stats, IReadOnlyList<(int Partition, long InputNext)> positions, string topic)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(positions);
        Advance(_records, stats.Records, ref _recordsSeen);
        Advance(_shipperDuplicates, stats.Duplicates, ref _shipperDuplicatesSeen);
        Advance(_events, stats.Events, ref _eventsSeen);
        if (_sincePositions.IsRunning && _sincePositions.Elapsed < PositionsEvery)
            return;
        _sincePositions.Restart();
        var held = positions.Select(p => new TopicPartition(topic, p.Partition)).ToHashSet();
        lock (_lock)
        {
            foreach (var gone in _positions.Keys.Where(p => !held.Contains(p)).ToList())
            {
                _positions.Remove(gone);
                _highs.Remove(gone);
                Forget(gone);
            }
            foreach (var (partition, inputNext) in positions)
            {
                var key = new TopicPartition(topic, partition);
                _positions[key] = inputNext;
                _position.WithLabels(Label(key)).Set(inputNext);
                if (_highs.TryGetValue(key, out var high))
                    _lag.WithLabels(Label(key)).Set(Math.Max(0, high - inputNext));
            }
            _partitions = held.Count;
            _assignedOnce |= held.Count > 0;
        }
        _partitionsAssigned.Set(held.Count);
    }

    private static void Advance(Counter counter, long total, ref long seen)
    {
        if (total <= seen)
            return;
        counter.Inc(total - seen);
        seen = total;
    }

    /// <summary>After a commit: when it ended, how long it took and how many bytes it wrote.</summary>
    public void Flushed(RunnerStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        var durations = stats.FlushMilliseconds;
        var bytes = stats.CommitBytes;
        if (durations.Count > 0)
            Flushed(TimeSpan.FromMilliseconds(durations[^1]), bytes[^1], stats.Flushes);
    }

    /// <summary>After a commit: how long it took, the bytes it wrote, and how many commits there have been.</summary>
    public void Flushed(TimeSpan duration, long bytes = 0, long flushes = 0)
    {
        _checkpointBytes.Set(bytes);
        var now = DateTimeOffset.UtcNow;
        _flushes.IncTo(Math.Max(flushes, _flushes.Value + 1));
        _lastFlush.Set(now.ToUnixTimeMilliseconds() / 1000.0);
        _checkpointDuration.Observe(duration.TotalSeconds);
        Interlocked.Exchange(ref _lastCheckpointTicks, Stopwatch.GetTimestamp());
        lock (_lock)
            _lastFlushAt = now;
    }

    /// <summary>The run stopped on an error no retry mends: <c>/health</c> turns 503 until the process exits.</summary>
    public void Failed(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        _sinkFailures.WithLabels(FailingServer.Of(failure)).Inc();
        lock (_lock)
            _failure = $"{FailingServer.Of(failure)}: {failure.Message}";
    }

    public HealthReport Health()
    {
        lock (_lock)
        {
            if (_failure is not null)
                return new HealthReport(HealthReport.Failed, _partitions, _lastFlushAt, _failure);
            return new HealthReport(_partitions > 0 ? HealthReport.Assigned : HealthReport.Waiting, _partitions, _lastFlushAt);
        }
    }

    /// <summary>The held partitions and the next offset of each (null before its first record).</summary>
    internal IReadOnlyList<(TopicPartition Partition, long? Position)> Positions()
    {
        lock (_lock)
            return _positions.Select(p => (p.Key, p.Value)).ToList();
    }

    /// <summary>
    /// Sets a partition's high watermark and lag, unless it was given away meanwhile. The lag is
    /// taken against the partition's latest position, which may have moved on while the
    /// watermark was being asked for.
    /// </summary>
    internal void SetLag(TopicPartition partition, long highWatermark)
    {
        lock (_lock)
        {
            if (_positions.GetValueOrDefault(partition) is not { } position)
                return;
            _highs[partition] = highWatermark;
            var label = Label(partition);
            _highWatermark.WithLabels(label).Set(highWatermark);
            _lag.WithLabels(label).Set(Math.Max(0, highWatermark - position));
        }
    }

    private static string Label(TopicPartition partition) => partition.Partition.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Forget(TopicPartition partition)
    {
        var label = Label(partition);
        _position.RemoveLabelled(label);
        _highWatermark.RemoveLabelled(label);
        _lag.RemoveLabelled(label);
    }
}
