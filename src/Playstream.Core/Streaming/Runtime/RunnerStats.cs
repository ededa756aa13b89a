namespace Playstream.Core.Streaming.Runtime;

/// <summary>What a runner has done so far; read from other threads (metrics) while it runs.</summary>
public sealed class RunnerStats
{
    private readonly object _gate = new();
    private readonly List<double> _flushMs = [];
    private readonly List<long> _commitBytes = [];
    private readonly List<double> _restoreMs = [];
    private long _records, _events, _duplicates, _repartitioned, _flushes, _partialsMerged, _resultsWritten, _fenced;

    private long _waitTicks, _takeTicks, _mergeTicks, _cutTicks, _commitTicks, _resultsTicks, _sinkFlushTicks;

    /// <summary>Where the runner's thread spent its time: waiting for records, taking them, merging partials, cutting commits, waiting for commits, computing results, flushing sinks.</summary>
    public (TimeSpan Wait, TimeSpan Take, TimeSpan Merge, TimeSpan Cut, TimeSpan Commit, TimeSpan Results, TimeSpan SinkFlush) Time => (
        TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _takeTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _mergeTicks)),
        TimeSpan.FromTicks(Interlocked.Read(ref _cutTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks)),
        TimeSpan.FromTicks(Interlocked.Read(ref _resultsTicks)), TimeSpan.FromTicks(Interlocked.Read(ref _sinkFlushTicks)));

    internal void Spent(ref long field, TimeSpan time) => Interlocked.Add(ref field, time.Ticks);
    internal void SpentWaiting(TimeSpan time) => Spent(ref _waitTicks, time);
    internal void SpentTaking(TimeSpan time) => Spent(ref _takeTicks, time);
    internal void SpentMerging(TimeSpan time) => Spent(ref _mergeTicks, time);
    internal void SpentCutting(TimeSpan time) => Spent(ref _cutTicks, time);
    internal void SpentCommitting(TimeSpan time) => Spent(ref _commitTicks, time);
    internal void SpentOnResults(TimeSpan time) => Spent(ref _resultsTicks, time);
    internal void SpentFlushingSinks(TimeSpan time) => Spent(ref _sinkFlushTicks, time);

    public long Records => Interlocked.Read(ref _records);
    public long Events => Interlocked.Read(ref _events);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Repartitioned => Interlocked.Read(ref _repartitioned);
    public long Flushes => Interlocked.Read(ref _flushes);
    public long PartialsMerged => Interlocked.Read(ref _partialsMerged);
    public long ResultsWritten => Interlocked.Read(ref _resultsWritten);
    public long Fenced => Interlocked.Read(ref _fenced);

    /// <summary>The partitions this member holds now.</summary>
    public IReadOnlyList<int> Partitions { get; internal set; } = [];

    private long _firstRecordTicks, _lastRecordTicks;

    /// <summary>When the first and the latest record were taken (Stopwatch ticks; 0 before any).</summary>
    public (long First, long Last) RecordTimes => (Interlocked.Read(ref _firstRecordTicks), Interlocked.Read(ref _lastRecordTicks));

    // The process's CPU time when the first and the latest records were taken: the work of the steady part alone, start-up and the end left out.
    private long _firstRecordCpuTicks = -1, _lastRecordCpuTicks;

    /// <summary>CPU time the whole process spent from the first record taken to the latest.</summary>
    public TimeSpan SteadyCpu => Interlocked.Read(ref _firstRecordCpuTicks) < 0 ? TimeSpan.Zero
        : TimeSpan.FromTicks(Interlocked.Read(ref _lastRecordCpuTicks) - Interlocked.Read(ref _firstRecordCpuTicks));

    public void AddRecords(long records, long events, long duplicates, long repartitioned)
    {
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref _firstRecordTicks, now, 0);
        Interlocked.Exchange(ref _lastRecordTicks, now);
        var cpu = Environment.CpuUsage.TotalTime.Ticks;
        Interlocked.CompareExchange(ref _firstRecordCpuTicks, cpu, -1);
        Interlocked.Exchange(ref _lastRecordCpuTicks, cpu);
        Interlocked.Exchange(ref _records, records);
        Interlocked.Exchange(ref _events, events);
        Interlocked.Exchange(ref _duplicates, duplicates);
        Interlocked.Exchange(ref _repartitioned, repartitioned);
    }

    internal void Flushed(TimeSpan duration, long bytes)
    {
        Interlocked.Increment(ref _flushes);
        lock (_gate)
        {
            _flushMs.Add(duration.TotalMilliseconds);
            _commitBytes.Add(bytes);
        }
    }

    internal void Restored(TimeSpan duration)
    {
        lock (_gate)
            _restoreMs.Add(duration.TotalMilliseconds);
    }

    internal void Merged(int partials) => Interlocked.Add(ref _partialsMerged, partials);
    internal void Wrote(int results) => Interlocked.Add(ref _resultsWritten, results);
    internal void WasFenced() => Interlocked.Increment(ref _fenced);

    public IReadOnlyList<double> FlushMilliseconds { get { lock (_gate) return [.. _flushMs]; } }
    public IReadOnlyList<long> CommitBytes { get { lock (_gate) return [.. _commitBytes]; } }
    public IReadOnlyList<double> RestoreMilliseconds { get { lock (_gate) return [.. _restoreMs]; } }
}
