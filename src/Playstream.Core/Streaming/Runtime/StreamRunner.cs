using System.Diagnostics;
using Playstream.Core.Lookups;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Stages;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>
/// One member of a streaming job: takes the partitions its source is handed, restores each
/// one's task from the store, feeds the tasks their records and the partials they merge,
/// commits every task at each flush, and writes the results that changed. Everything runs on
/// the caller's thread but the results writes, one at a time in the background, so a slow
/// results store delays results, never consumption. Nothing here waits inside a source's
/// callbacks: assignments arrive as a queue of changes, handled between polls.
/// </summary>
public sealed partial class StreamRunner : IDisposable
{
    private readonly TopologySettings _topology;
    private readonly RunnerOptions _options;
    private readonly StreamPorts _ports;
    private readonly LookupTables _lookups;
    private readonly Action<string> _report;
    private readonly Dictionary<int, StreamTask> _tasks = [];
    private readonly List<int> _toClaim = [];
    // Partitions dropped because their commit was refused, and when: claimed again if the group does not take them away.
    private readonly Dictionary<int, TimeSpan> _fencedAt = [];
    private readonly Dictionary<int, (long Horizon, long RepartitionEnd)> _customerHorizons = [];
    private readonly Dictionary<int, (long Horizon, string LastPartial)> _windowHorizons = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastFlush;
    private TimeSpan _lastActivity;
    private TimeSpan _lastRecord;
    private TimeSpan _nextGroupCheck;
    private readonly ResultsCadence _cadence;
    private Task<TimeSpan>? _resultsWrite;
    private PendingFlush? _pending;
    private List<StreamTask> _resultsTasks = [];
    private long _doneRecords, _doneEvents, _doneDuplicates, _doneRepartitioned;
    // The results writer stops only when a stop's grace is over, so a stop still writes what it can.
    private readonly CancellationTokenSource _writerStop = new();
    private readonly TaskParallelism _parallel;
    // What the tasks share, serialized when they run on several threads.
    private readonly IRepartitionProducer _repartition;
    private readonly Pipeline.IPlaySink? _plays;

    public StreamRunner(TopologySettings topology, RunnerOptions options, StreamPorts ports, LookupTables lookups, Action<string> report)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(lookups);
        ArgumentNullException.ThrowIfNull(report);
        topology.Validate();
        _topology = topology;
        _options = options;
        _cadence = new ResultsCadence(options);
        _ports = ports;
        _lookups = lookups;
        _report = report;
        _parallel = new TaskParallelism(options.Threads);
        _repartition = _parallel.Threads > 1 ? new SerializedRepartitionProducer(ports.Repartition) : ports.Repartition;
        _plays = _parallel.Threads > 1 && ports.Plays is { } plays ? new SerializedPlaySink(plays) : ports.Plays;
    }

    public RunnerStats Stats { get; } = new();

    public void Dispose()
    {
        // A results write or a commit still under way (a runner left without FinishAsync) ends here.
        _writerStop.Cancel();
        _writerStop.Dispose();
    }

    /// <summary>The input offset each task here has reached.</summary>
    public IReadOnlyList<(int Partition, long InputNext)> Positions => [.. _tasks.Values.OrderBy(t => t.Partition).Select(t => (t.Partition, t.Source.InputNext))];

    /// <summary>The partitions whose tasks run here now.</summary>
    public IReadOnlyList<int> Partitions => [.. _tasks.Keys.Order()];

    /// <summary>Runs until stopped, or with <see cref="RunnerOptions.UntilIdle"/> until the group has finished; true when it has.</summary>
    public async Task<bool> RunAsync(CancellationToken stop)
    {
        var finished = false;
        try
        {
            while (!stop.IsCancellationRequested && !finished)
                finished = await StepAsync(stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await FinishAsync().ConfigureAwait(false);
        return finished;
    }

    /// <summary>
    /// One turn: assignments, a poll, the partials waiting, a flush when one is due, a results
    /// write when one is due; with <see cref="RunnerOptions.UntilIdle"/>, true once the group has finished.
    /// </summary>
    public async Task<bool> StepAsync(CancellationToken stop)
    {
        await ApplyAssignmentsAsync(stop).ConfigureAwait(false);
        var waiting = Stopwatch.GetTimestamp();
        var batches = _ports.Source.Poll(_options.PollTimeout);
        var taking = Stopwatch.GetTimestamp();
        Stats.SpentWaiting(Stopwatch.GetElapsedTime(waiting, taking));
        var taken = Take(batches);
        if (taken > 0)
            _lastRecord = _clock.Elapsed;
        _cadence.Took(taken, _clock.Elapsed);
        Stats.SpentTaking(Stopwatch.GetElapsedTime(taking));
        taken += await MergePartialsAsync(stop).ConfigureAwait(false);
        if (taken > 0)
            _lastActivity = _clock.Elapsed;
        var quiet = _clock.Elapsed - _lastActivity;
        await CompletePendingFlushAsync(wait: false, stop).ConfigureAwait(false);
        // While records come in, a flush whose plays are still being stored holds the next one back
        // instead of the reading.
        var reading = taken > 0;
        if (AnyDirty && (_clock.Elapsed - _lastFlush >= _options.FlushInterval || quiet >= TimeSpan.FromMilliseconds(100)) && !(reading && _pending is not null))
            await FlushAsync(stop, overlap: reading).ConfigureAwait(false);
        await WriteResultsIfDueAsync(wait: false, stop).ConfigureAwait(false);
        if (_options.UntilIdle && quiet >= _options.QuietBeforeCheck && _clock.Elapsed >= _nextGroupCheck)
        {
            _nextGroupCheck = _clock.Elapsed + _options.GroupCheckInterval;
            return await GroupFinishedAsync(stop).ConfigureAwait(false);
        }
        return false;
    }

    /// <summary>A stop's last flush and results, given <see cref="RunnerOptions.StopGrace"/> when a server is down.</summary>
    public async Task FinishAsync()
    {
        using var grace = new CancellationTokenSource(_options.StopGrace);
        using var stopWriter = grace.Token.Register(_writerStop.Cancel);
        try
        {
            await CompletePendingFlushAsync(wait: true, grace.Token).ConfigureAwait(false);
            if (AnyDirty)
                await FlushAsync(grace.Token).ConfigureAwait(false);
            await WriteResultsIfDueAsync(wait: true, grace.Token).ConfigureAwait(false);
            if (_tasks.Values.Any(t => t.HasPendingResults))
                await WriteResultsIfDueAsync(wait: true, grace.Token, force: true).ConfigureAwait(false);
            if (AnyDirty)
                await FlushAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (grace.IsCancellationRequested)
        {
            _report($"stopping without the last flush after waiting {_options.StopGrace.TotalSeconds:0} s: the last commit holds, so what came after it will be read again, not lost");
        }
        finally
        {
            await _writerStop.CancelAsync().ConfigureAwait(false);
        }
    }

    private bool AnyDirty => _tasks.Values.Any(t => t.IsDirty);

    private async Task ApplyAssignmentsAsync(CancellationToken stop)
    {
        var changes = _ports.Source.TakeAssignmentChanges();
        if (changes.Count > 0)
        {
            var revoked = changes.Where(c => !c.Assigned && !c.Lost && _tasks.ContainsKey(c.Partition)).Select(c => c.Partition).ToList();
            if (revoked.Count > 0)
            {
                // Hand the partitions over committed: the next owner then starts where this one got to.
                // Its claim may come first; then this commit is refused, which loses nothing.
                using var handover = CancellationTokenSource.CreateLinkedTokenSource(stop);
                handover.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await FlushAsync(handover.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    _report("handing partitions over without a last commit (a server is slow or down): the next owner replays from the previous one");
                }
            }
            foreach (var change in changes)
            {
                _fencedAt.Remove(change.Partition);
                if (change.Assigned)
                {
                    if (!_tasks.ContainsKey(change.Partition) && !_toClaim.Contains(change.Partition))
                        _toClaim.Add(change.Partition);
                    continue;
                }
                _toClaim.Remove(change.Partition);
                if (RemoveTask(change.Partition))
                    _report(change.Lost
                        ? $"partition {change.Partition}: lost (this member's session ended); its work since the last commit will be done again by its next owner"
                        : $"partition {change.Partition}: handed over");
            }
            Stats.Partitions = Partitions;
        }
        foreach (var (partition, at) in _fencedAt.Where(f => _clock.Elapsed - f.Value >= _options.ReclaimAfterFenced).ToList())
        {
            _fencedAt.Remove(partition);
            _toClaim.Add(partition);
            _report($"partition {partition}: still this member's in the group {_options.ReclaimAfterFenced.TotalSeconds:0} s after its commit was refused (the store lost its state, or the member that claimed it has gone): claiming it again");
        }
        while (_toClaim.Count > 0 && !stop.IsCancellationRequested)
        {
            var partition = _toClaim[0];
            var claim = await _ports.Retry.RunAsync($"claiming partition {partition} in {_ports.StoreName}", token => _ports.Store.ClaimAsync(partition, token), stop).ConfigureAwait(false);
            var task = StreamTask.Restore(claim, _topology, _lookups, _ports.DeadLetters, _plays, _ports.Pool, _repartition);
            _toClaim.RemoveAt(0);
            _tasks[partition] = task;
            _ports.Source.Start(partition, task.Source.InputNext, task.Customers.RepartitionNext);
            Stats.Restored(task.RestoreTime);
            Stats.Partitions = Partitions;
            _report(claim.Snapshot is null && claim.Log.Count == 0 && claim.WindowSnapshot is null
                ? $"partition {partition}: new (epoch {claim.Epoch}), reading from the start"
                : $"partition {partition}: restored from its checkpoint (epoch {claim.Epoch}, {task.RestoredBytes:N0} bytes, {task.RestoredLogEntries} log entries, {task.RestoreTime.TotalMilliseconds:F0} ms); input from offset {task.Source.InputNext:N0}, repartition from {task.Customers.RepartitionNext:N0}, partials after {task.Windows.Cursor}");
        }
    }

    private int Take(IReadOnlyList<StreamBatch> batches)
    {
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // A task's batches in the order they came, the tasks side by side.
        var work = new List<(StreamTask Task, List<StreamBatch> Batches)>();
        var taken = 0;
        foreach (var batch in batches)
        {
            if (!_tasks.TryGetValue(batch.Partition, out var task))
                continue;
            taken += batch.Records.Count;
            var at = work.FindIndex(w => w.Task == task);
            if (at < 0)
                work.Add((task, [batch]));
            else
                work[at].Batches.Add(batch);
        }
        _parallel.ForEach(work, w =>
        {
            foreach (var batch in w.Batches)
            {
                if (batch.Topic == RecordTopic.Input)
                    foreach (var record in batch.Records)
                        w.Task.Source.Take(record.Offset, record.Key.Span, record.Value.Span, nowMs);
                else
                    foreach (var record in batch.Records)
                        w.Task.Customers.TakeRepartitioned(record.Offset, record.Key.Span, record.Value.Span);
            }
            w.Task.Source.SendBatches();
        });
        if (taken > 0)
            UpdateCounts();
        return taken;
    }

    private bool RemoveTask(int partition)
    {
        if (!_tasks.Remove(partition, out var task))
            return false;
        _doneRecords += task.Source.Records + task.Customers.RepartitionRecords;
        _doneEvents += task.Customers.Events;
        _doneDuplicates += task.Customers.Duplicates;
        _doneRepartitioned += task.Source.Repartitioned;
        _customerHorizons.Remove(partition);
        _windowHorizons.Remove(partition);
        return true;
    }

    private void UpdateCounts()
    {
        long records = _doneRecords, events = _doneEvents, duplicates = _doneDuplicates, repartitioned = _doneRepartitioned;
        foreach (var task in _tasks.Values)
        {
            records += task.Source.Records + task.Customers.RepartitionRecords;
            events += task.Customers.Events;
            duplicates += task.Customers.Duplicates;
            repartitioned += task.Source.Repartitioned;
        }
        Stats.AddRecords(records, events, duplicates, repartitioned);
    }

    private async Task<int> MergePartialsAsync(CancellationToken stop)
    {
        if (_tasks.Count == 0)
            return 0;
        var merged = 0;
        var started = _clock.Elapsed;
        while (true)
        {
            var cursors = _tasks.Values.Select(t => (t.Partition, t.Windows.Cursor)).ToList();
            var entries = await _ports.Retry.RunAsync($"reading partials from {_ports.StoreName}", token => _ports.Store.ReadPartialsAsync(cursors, _options.PartialsPerRead, token), stop).ConfigureAwait(false);
            var work = new List<(StreamTask Task, List<PartialEntry> Entries)>();
            var full = false;
            foreach (var group in entries.GroupBy(e => e.Owner))
            {
                var owned = group.ToList();
                full |= owned.Count >= _options.PartialsPerRead;
                if (_tasks.TryGetValue(group.Key, out var task))
                    work.Add((task, owned));
            }
            var merging = Stopwatch.GetTimestamp();
            _parallel.ForEach(work, w =>
            {
                var count = 0;
                foreach (var entry in w.Entries)
                {
                    // A read that raced a restore may return what the task merged already.
                    if (PartialIds.Compare(entry.Id, w.Task.Windows.Cursor) <= 0)
                        continue;
                    w.Task.Merged(entry);
                    count++;
                }
                Interlocked.Add(ref merged, count);
            });
            Stats.SpentMerging(Stopwatch.GetElapsedTime(merging));
            if (!full || _clock.Elapsed - started > TimeSpan.FromMilliseconds(200))
                break;
        }
        Stats.Merged(merged);
        return merged;
    }

    /// <summary>
    /// Starts a results write of what changed, when none is under way and <see cref="ResultsCadence"/> says one is due.
    /// </summary>
    private async Task WriteResultsIfDueAsync(bool wait, CancellationToken stop, bool force = false)
    {
        await CompleteResultsAsync(wait, stop).ConfigureAwait(false);
        if (_resultsWrite is not null)
            return;
        var now = _clock.Elapsed;
        var reading = now - _lastRecord < _options.QuietBeforeCheck;
        if (!force && !_cadence.IsDue(now, reading, reading ? _ports.Source.Backlog : null))
            return;
        var tasks = _tasks.Values.Where(t => t.HasPendingResults).ToList();
        if (tasks.Count == 0)
            return;
        var computing = Stopwatch.StartNew();
        var changes = new ResultChanges();
        foreach (var task in tasks)
        {
            var profiles = new List<Results.CustomerProfile>();
            var interests = new List<Results.Interest>();
            task.Customers.TakeResults(profiles, interests);
            changes = ResultChanges.Combine(changes, task.Windows.TakeResults());
            changes = ResultChanges.Combine(changes, new ResultChanges { Profiles = profiles, Interests = interests });
        }
        _cadence.Started(now, computing.Elapsed);
        Stats.SpentOnResults(computing.Elapsed);
        _resultsTasks = tasks;
        var count = changes.Count;
        var writerStop = _writerStop.Token;
        _resultsWrite = count == 0
            ? Task.FromResult(TimeSpan.Zero)
            : Task.Run(async () =>
            {
                var writing = Stopwatch.GetTimestamp();
                await _ports.Retry.RunAsync($"writing results to {_ports.ResultsName}", token => _ports.Results.WriteAsync(changes, token), writerStop).ConfigureAwait(false);
                Stats.Wrote(count);
                return Stopwatch.GetElapsedTime(writing);
            }, CancellationToken.None);
        if (wait)
            await CompleteResultsAsync(wait: true, stop).ConfigureAwait(false);
    }

    /// <summary>Takes the outcome of the results write under way, once it is done (or, with <paramref name="wait"/>, waiting for it).</summary>
    private async Task CompleteResultsAsync(bool wait, CancellationToken stop)
    {
        if (_resultsWrite is not { } running || (!running.IsCompleted && !wait))
            return;
        try
        {
            await running.WaitAsync(stop).ConfigureAwait(false);
        }
        catch (Exception e) when (running.IsCompleted && e is not OperationCanceledException || running.IsCanceled)
        {
            // Reported by the retries; what it held is written again with the next write.
        }
        var written = running.IsCompletedSuccessfully;
        if (written)
            _cadence.Written(_clock.Elapsed, running.Result);
        foreach (var task in _resultsTasks)
        {
            if (written)
            {
                task.Customers.ResultsWritten();
                task.Windows.ResultsWritten();
            }
            else
            {
                task.Customers.ResultsFailed();
                task.Windows.ResultsFailed();
            }
            task.NoteResultsState(task.HasPendingResults);
        }
        _resultsTasks = [];
        _resultsWrite = null;
    }

    /// <summary>
    /// Whether every partition of the input and repartition topics has been taken to its end and
    /// committed, every partial merged and every result written, by whichever member holds it.
    /// </summary>
    private async Task<bool> GroupFinishedAsync(CancellationToken stop)
    {
        if (AnyDirty || _pending is not null || _toClaim.Count > 0 || _resultsWrite is not null || _tasks.Values.Any(t => t.HasPendingResults))
            return false;
        var group = await _ports.Retry.RunAsync($"reading the group's progress from {_ports.StoreName}", _ports.Store.ReadGroupAsync, stop).ConfigureAwait(false);
        for (var partition = 0; partition < _topology.Partitions; partition++)
        {
            var progress = group.Progress.GetValueOrDefault(partition) ?? new TaskProgress(0, 0, WindowStage.Start, false);
            var ends = _ports.Source.Ends(partition);
            if (Math.Max(progress.InputNext, ends.InputLow) < ends.InputHigh || Math.Max(progress.RepartitionNext, ends.RepartitionLow) < ends.RepartitionHigh)
                return false;
            if (group.LastPartialIds.TryGetValue(partition, out var last) && PartialIds.Compare(progress.WindowCursor, last) < 0)
                return false;
            if (progress.ResultsPending)
                return false;
        }
        return true;
    }
}
