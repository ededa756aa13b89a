using System.Diagnostics;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Stages;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>The runner's flushes: what a commit waits for, the flush under way, the horizons a flush raises.</summary>
public sealed partial class StreamRunner
{
    /// <summary>
    /// Commits every task with something to commit. Whatever a commit says was taken must have
    /// been written where it goes first: the dead letters and the records sent on are flushed
    /// before the cut, the plays between the cut and the commit. With <paramref name="overlap"/>
    /// (records are coming in) the member reads on while the plays before the cut are stored and
    /// the commit is written (<see cref="PendingFlush"/>); otherwise the flush is waited for.
    /// </summary>
    /// <remarks>
    /// With the plays indexed in Elasticsearch, waiting at each flush for the plays before it left
    /// the server idle while the member cut, committed and read enough again to fill a bulk
    /// request: about 10 CPU seconds of the server's two cores in a 60 s run of 1M plays.
    /// </remarks>
    private async Task FlushAsync(CancellationToken stop, bool overlap = false)
    {
        await CompletePendingFlushAsync(wait: true, stop).ConfigureAwait(false);
        var started = _clock.Elapsed;
        foreach (var task in _tasks.Values)
            task.Customers.FlushPlays();
        // The writer's token, read once here: the commit may outlive the runner's disposal.
        var writerStop = _writerStop.Token;
        // Asked for now, so it covers exactly the plays before the cut; waited for by the commit. The
        // sink waits out a server that is down by itself; what it throws, no retry mends.
        var playsStored = _plays?.FlushAsync(writerStop) ?? Task.CompletedTask;
        if (_ports.FlushDeadLetters is { } flushDeadLetters)
            await _ports.Retry.RunAsync("sending dead letters to kafka", flushDeadLetters, stop).ConfigureAwait(false);
        await _ports.Retry.RunAsync($"sending to {_ports.RepartitionName}", _repartition.FlushAsync, stop).ConfigureAwait(false);
        Stats.SpentFlushingSinks(_clock.Elapsed - started);

        var horizons = _topology.AllowedLatenessSeconds is null ? null : await HorizonsAsync(stop).ConfigureAwait(false);
        var tasks = _tasks.Values.Where(t => t.IsDirty).ToList();
        var cutting = Stopwatch.GetTimestamp();
        var commits = _parallel.Map(tasks, t => t.Cut(horizons?.GetValueOrDefault(t.Partition), t.HasPendingResults));
        Stats.SpentCutting(Stopwatch.GetElapsedTime(cutting));
        var positions = _tasks.Values.Select(t => (t, t.Source.InputNext, t.Customers.RepartitionNext)).ToList();
        _pending = new PendingFlush(CommitAfterPlaysAsync(playsStored, commits, writerStop), tasks, positions, started, commits.Sum(c => c.Bytes));
        _lastFlush = _clock.Elapsed;
        await CompletePendingFlushAsync(wait: !overlap, stop).ConfigureAwait(false);
    }

    // Runs under the writer's token, not the step's: a stop lets the flush under way end within its grace.
    private async Task<IReadOnlyList<bool>> CommitAfterPlaysAsync(Task playsStored, TaskCommit[] commits, CancellationToken writerStop)
    {
        await playsStored.ConfigureAwait(false);
        if (commits.Length == 0)
            return [];
        var committing = Stopwatch.GetTimestamp();
        var written = await _ports.Retry.RunAsync($"committing to {_ports.StoreName}", token => _ports.Store.CommitAsync(commits, token), writerStop).ConfigureAwait(false);
        Stats.SpentCommitting(Stopwatch.GetElapsedTime(committing));
        return written;
    }

    /// <summary>
    /// Takes the answers of the flush under way once it is done (or, with <paramref name="wait"/>,
    /// waiting for it): tasks whose commit was refused are dropped, and the positions the commits
    /// made safe are reported. A flush that failed stays failed: every later flush throws its
    /// error, since a commit after a lost one would skip the lost one's changes.
    /// </summary>
    private async Task CompletePendingFlushAsync(bool wait, CancellationToken stop)
    {
        if (_pending is not { } pending || (!pending.Written.IsCompleted && !wait))
            return;
        var waiting = Stopwatch.GetTimestamp();
        var written = await pending.Written.WaitAsync(stop).ConfigureAwait(false);
        Stats.SpentFlushingSinks(Stopwatch.GetElapsedTime(waiting));
        _pending = null;
        for (var i = 0; i < written.Count; i++)
        {
            var task = pending.Tasks[i];
            // A task handed over or lost since the cut is not this member's to drop.
            if (written[i] || !StillHeld(task))
                continue;
            Stats.WasFenced();
            RemoveTask(task.Partition);
            _fencedAt[task.Partition] = _clock.Elapsed;
            _report($"partition {task.Partition}: another member has taken it over (this member's epoch {task.Epoch} is no longer the partition's); its commit was refused and it is dropped here");
        }
        _ports.Source.ReportPositions([.. pending.Positions.Where(p => StillHeld(p.Task)).Select(p => (p.Task.Partition, p.Input, p.Repartition))]);
        Stats.Partitions = Partitions;
        Stats.Flushed(_clock.Elapsed - pending.Started, pending.Bytes);
    }

    /// <summary>Whether this very task still runs here: not handed over, lost, or claimed again since it was cut.</summary>
    private bool StillHeld(StreamTask task) => _tasks.TryGetValue(task.Partition, out var current) && current == task;

    /// <summary>
    /// With an allowed lateness: per task, the horizon it may now raise its customer stage to, and
    /// the window stage horizons that became safe. A bound read from the group is adopted only once
    /// the task has taken everything that was already on its way when the bound was read.
    /// </summary>
    private async Task<Dictionary<int, long>> HorizonsAsync(CancellationToken stop)
    {
        var lateness = _topology.AllowedLatenessSeconds!.Value;
        var group = await _ports.Retry.RunAsync($"reading the group's progress from {_ports.StoreName}", _ports.Store.ReadGroupAsync, stop).ConfigureAwait(false);
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var idleMs = (long)_topology.PartitionIdleTimeout.TotalMilliseconds;
        var active = group.Progress.Values.Where(p => p.SourceLatestPlay is not null && nowMs - p.LastPlayAtMs <= idleMs).ToList();
        long? candidate = active.Count > 0 ? active.Min(p => p.SourceLatestPlay!.Value) - lateness : null;
        long? windowCandidate = group.Progress.Count == _topology.Partitions && group.Progress.Values.All(p => p.SafeHorizon is not null)
            ? group.Progress.Values.Min(p => p.SafeHorizon!.Value) : null;

        var adopted = new Dictionary<int, long>();
        foreach (var task in _tasks.Values)
        {
            if (_customerHorizons.TryGetValue(task.Partition, out var pending) && task.Customers.RepartitionNext >= pending.RepartitionEnd)
            {
                adopted[task.Partition] = pending.Horizon;
                _customerHorizons.Remove(task.Partition);
            }
            if (candidate is { } h && h > (task.Customers.SafeHorizon ?? long.MinValue) && !_customerHorizons.ContainsKey(task.Partition))
                _customerHorizons[task.Partition] = (h, _ports.Source.Ends(task.Partition).RepartitionHigh);

            if (_windowHorizons.TryGetValue(task.Partition, out var windowPending)
                && PartialIds.Compare(task.Windows.Cursor, windowPending.LastPartial) >= 0 && !task.Windows.HasPendingResults)
            {
                task.Windows.AdvanceHorizon(windowPending.Horizon);
                _windowHorizons.Remove(task.Partition);
            }
            if (windowCandidate is { } w && w > (task.Windows.Horizon ?? long.MinValue) && !_windowHorizons.ContainsKey(task.Partition))
                _windowHorizons[task.Partition] = (w, group.LastPartialIds.GetValueOrDefault(task.Partition) ?? WindowStage.Start);
        }
        return adopted;
    }
}
