using System.Text;
using Confluent.Kafka;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Streaming.Marks;
using Playstream.Kafka.Consuming;

namespace Playstream.Kafka.Processing;

/// <summary>
/// The Kafka pipeline's processing half: one <see cref="PartitionAnalytics"/> per assigned
/// partition, fed that partition's records (parsed, enriched from the lookup tables); plays go
/// to a play sink in batches, bad lines to a dead-letter sink with their offsets. It keeps per
/// partition the offset of the next unread record, which is what may be committed once the
/// sinks have flushed everything handed to them. Global results merge all partitions.
/// A record whose key carries a shipper position (<see cref="ShippedLineKey"/>) at or below its
/// source's mark in the partition (<see cref="ShipperMarks"/>) is a line the shipper resent after
/// a crash: it is skipped and counted in <see cref="ShipperDuplicates"/>. Records with other keys,
/// or none, are all processed.
/// Not thread-safe: it runs on the consumer's thread.
/// </summary>
public sealed class KafkaPartitionProcessor
{
    private readonly AnalyticsSettings _settings;
    private readonly LookupTables _lookups;
    private readonly IDeadLetterSink _deadLetters;
    private readonly IPlaySink? _plays;
    private readonly PlayBatchPool _pool;
    private readonly Dictionary<TopicPartition, Partition> _partitions = [];

    /// <param name="plays">Where enriched plays go; null keeps only the analytics.</param>
    public KafkaPartitionProcessor(
        AnalyticsSettings settings, LookupTables lookups, IDeadLetterSink deadLetters, IPlaySink? plays = null, PlayBatchPool? pool = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(lookups);
        ArgumentNullException.ThrowIfNull(deadLetters);
        settings.Validate();
        _settings = settings;
        _lookups = lookups;
        _deadLetters = deadLetters;
        _plays = plays;
        _pool = pool ?? new PlayBatchPool();
    }

    /// <summary>
    /// For endless streams: a play whose event time is more than this many seconds before the
    /// latest event time its partition has seen is a dead letter with reason <c>late</c>.
    /// Null (the default) accepts any lateness, so bounded replays stay exact in any order.
    /// The decision depends only on the partition's records in offset order, so a replay from a
    /// checkpoint decides the same way (<see cref="LatenessRule"/>, as for embedded runs).
    /// </summary>
    public long? AllowedLatenessSeconds
    {
        get;
        init
        {
            field = value;
            _lateness = new LatenessRule(value is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        }
    }

    private readonly LatenessRule _lateness = new(null);

    /// <summary>Records read, blank ones and replays included.</summary>
    public long Records { get; private set; }

    /// <summary>Records whose value was empty or only whitespace: skipped silently, like blank lines.</summary>
    public long BlankRecords { get; private set; }

    /// <summary>Records below a partition's next offset (read again after a rebalance): skipped, already counted.</summary>
    public long ReplayedRecords { get; private set; }

    /// <summary>Records skipped as a shipper's resend of a line already taken (see <see cref="ShipperMarks"/>).</summary>
    public long ShipperDuplicates { get; private set; }

    /// <summary>Most shipper sources each partition remembers; the least recently seen is forgotten first.</summary>
    public int ShipperSourcesPerPartition { get; init; } = ShipperMarks.DefaultCapacity;

    /// <summary>The partitions being processed, in no particular order.</summary>
    public IReadOnlyList<TopicPartition> Partitions => _partitions.Keys.ToList();

    /// <summary>
    /// Starts processing a partition, empty or from a restored state (a checkpoint taken where it
    /// was processed before). A partition already held is left as it is.
    /// </summary>
    public void Assign(string topic, int partition, PartitionState? restored = null)
    {
        var key = new TopicPartition(topic, partition);
        if (_partitions.ContainsKey(key))
            return;
        if (restored is not null && (restored.Topic != topic || restored.Partition != partition))
            throw new ArgumentException($"state of {PartitionSource.Of(restored.Topic, restored.Partition)} cannot be restored into {PartitionSource.Of(topic, partition)}", nameof(restored));
        if (restored is not null && restored.Analytics.Settings != _settings)
            throw new SettingsException($"the state of {PartitionSource.Of(topic, partition)} was built with other analytics settings");
        _partitions.Add(key, new Partition(PartitionSource.Of(topic, partition), restored?.Analytics ?? new PartitionAnalytics(_settings), restored?.NextOffset,
            new ShipperMarks(ShipperSourcesPerPartition, restored?.ShipperMarks)));
    }

    /// <summary>Stops processing a partition and hands back its state (to checkpoint); null when it was not held.</summary>
    public PartitionState? Revoke(string topic, int partition)
    {
        var key = new TopicPartition(topic, partition);
        if (!_partitions.Remove(key, out var state))
            return null;
        return new PartitionState(topic, partition, state.Analytics, state.NextOffset, state.Marks.ToList());
    }

    /// <summary>
    /// The state of a partition held now (its analytics are live: they keep changing as records
    /// arrive; its marks are a copy); null when not held.
    /// </summary>
    public PartitionState? State(string topic, int partition) =>
        _partitions.TryGetValue(new TopicPartition(topic, partition), out var state)
            ? new PartitionState(topic, partition, state.Analytics, state.NextOffset, state.Marks.ToList())
            : null;

    /// <summary>
    /// Processes one partition's records in offset order; a partition not yet assigned is assigned
    /// empty. Every play is handed to the play sink before this returns.
    /// </summary>
    public void Process(PartitionRecords batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var key = new TopicPartition(batch.Topic, batch.Partition);
        if (!_partitions.TryGetValue(key, out var state))
        {
            Assign(batch.Topic, batch.Partition);
            state = _partitions[key];
        }

        var plays = _plays is null ? null : RentBatch(state.Source);
        foreach (var record in batch.Records)
        {
            Records++;
            if (state.NextOffset is { } next && record.Offset < next)
            {
                ReplayedRecords++;
                continue;
            }
            state.NextOffset = record.Offset + 1;
            if (ShippedLineKey.TryReadPosition(record.Key.Span, out var position) && !state.Marks.TryAdvance(position))
            {
                ShipperDuplicates++;
                continue;
            }
            var line = record.Value.Span;
            var parsed = EventParser.TryParse(line, out var play, out var zip, out var reason);
            if (parsed && _lateness.WhyLate(state.Analytics, play.Time) is { } whyLate)
            {
                state.Analytics.CountDeadLetter(DeadLetterReason.Late);
                _deadLetters.Write(new DeadLetter(DeadLetterReason.Late, new SourcePosition(state.Source, record.Offset), RawText(line), whyLate));
            }
            else if (parsed)
            {
                state.Analytics.Add(play, line[zip], _lookups);
                if (plays is not null)
                {
                    plays.Add(play, line[zip], record.Offset);
                    if (plays.IsFull)
                    {
                        _plays!.Write(plays);
                        plays = RentBatch(state.Source);
                    }
                }
            }
            else if (EventParser.IsBlank(line))
            {
                BlankRecords++;
            }
            else
            {
                state.Analytics.CountDeadLetter(reason);
                _deadLetters.Write(new DeadLetter(reason, new SourcePosition(state.Source, record.Offset), RawText(line), EventParser.Describe(reason)));
            }
        }
        if (plays is not null)
        {
            if (plays.Count > 0) _plays!.Write(plays);
            else _pool.Return(plays);
        }
    }

    /// <summary>The offset of the next unread record of a partition; null when none was read.</summary>
    public long? NextOffset(string topic, int partition) =>
        _partitions.TryGetValue(new TopicPartition(topic, partition), out var state) ? state.NextOffset : null;

    /// <summary>
    /// For each held partition that has read records, the offset to commit: everything before it
    /// has been handed to the sinks. Commit only after the sinks have flushed.
    /// </summary>
    public IReadOnlyList<TopicPartitionOffset> OffsetsToCommit() =>
        _partitions
            .Where(p => p.Value.NextOffset.HasValue)
            .Select(p => new TopicPartitionOffset(p.Key, new Offset(p.Value.NextOffset!.Value)))
            .OrderBy(o => o.Topic, StringComparer.Ordinal).ThenBy(o => o.Partition.Value)
            .ToList();

    /// <summary>A new analytics holding every held partition's state merged; the partitions' own are untouched.</summary>
    public PartitionAnalytics MergeAll()
    {
        var merged = new PartitionAnalytics(_settings);
        foreach (var state in _partitions.Values)
            merged.Merge(state.Analytics);
        return merged;
    }

    /// <summary>The global results of every held partition.</summary>
    public AnalyticsResults ComputeResults() => MergeAll().ComputeResults();

    private PlayBatch RentBatch(string source)
    {
        var batch = _pool.Rent();
        batch.Source = source;
        return batch;
    }

    /// <summary>A dead letter keeps the line as it was; bytes that are not UTF-8 become U+FFFD.</summary>
    private static string RawText(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
            line = line[..^1];
        return Encoding.UTF8.GetString(line);
    }

    private sealed class Partition(string source, PartitionAnalytics analytics, long? nextOffset, ShipperMarks marks)
    {
        public string Source { get; } = source;
        public PartitionAnalytics Analytics { get; } = analytics;
        public long? NextOffset { get; set; } = nextOffset;
        public ShipperMarks Marks { get; } = marks;
    }
}
