using System.Text;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Streaming.Partials;
using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Streaming.Stages;

/// <summary>
/// Everything one partition number does, held by one member at a time: the source stage of
/// input partition p, the customer stage of p's customers (fed by that source stage and by
/// repartition partition p), and the window stage that merges the results p owns. One epoch and
/// one commit cover all three, so what the partition took in, what it sent on and where it got
/// to are stored together or not at all.
/// </summary>
internal sealed class StreamTask
{
    private const byte SnapshotFormat = 1;
    private const byte LogFormat = 1;

    private readonly TopologySettings _topology;
    private readonly WindowOwners _owners;
    private long _logBytes;
    private long _snapshotBytes;
    private long _partialBytes;
    private long _windowSnapshotBytes;
    private string _windowSnapshotCursor = WindowStage.Start;
    private bool _progressDue = true;

    private StreamTask(int partition, long epoch, TopologySettings topology, CustomerStage customers, WindowStage windows, SourceStage source)
    {
        Partition = partition;
        Epoch = epoch;
        _topology = topology;
        _owners = new WindowOwners(topology.Analytics, topology.Partitions);
        Customers = customers;
        Windows = windows;
        Source = source;
    }

    public int Partition { get; }
    public long Epoch { get; }
    public SourceStage Source { get; }
    public CustomerStage Customers { get; }
    public WindowStage Windows { get; }

    /// <summary>How long the restore took and how many bytes it read.</summary>
    public TimeSpan RestoreTime { get; private set; }
    public long RestoredBytes { get; private set; }
    public int RestoredLogEntries { get; private set; }

    public bool HasPendingResults => Customers.HasPendingResults || Windows.HasPendingResults;

    /// <summary>Whether a commit has something to write: new plays or dead letters, merged partials, or progress to report.</summary>
    public bool IsDirty => !Customers.Changes.IsEmpty || _progressDue || Source.InputNext != _committedInput
        || Customers.RepartitionNext != _committedRepartition || Windows.Cursor != _committedCursor;

    private long _committedInput = -1;
    private long _committedRepartition = -1;
    private string _committedCursor = "";
    private bool _committedPending;

    /// <summary>Rebuilds a task from what a claim found: the snapshot, then the log entries after it, in order.</summary>
    public static StreamTask Restore(TaskClaim claim, TopologySettings topology, LookupTables lookups, IDeadLetterSink deadLetters,
        IPlaySink? plays, PlayBatchPool pool, IRepartitionProducer repartition)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var changes = new FlushChanges(topology.Analytics);
        var owners = new WindowOwners(topology.Analytics, topology.Partitions);
        CustomerStage customers;
        long inputNext = 0, lastPlayAt = 0;
        long? latest = null;
        if (claim.Snapshot is { } snapshot)
        {
            using var reader = Reader(snapshot);
            if (reader.ReadByte() != SnapshotFormat || reader.ReadInt32() != claim.Partition)
                throw new InvalidDataException($"the snapshot of partition {claim.Partition} is not one this version writes");
            ReadSourceState(reader, out inputNext, out latest, out lastPlayAt);
            customers = CustomerStage.ReadSnapshot(reader, claim.Partition, topology, lookups, deadLetters, plays, pool, changes);
        }
        else
        {
            customers = new CustomerStage(claim.Partition, topology, lookups, deadLetters, plays, pool, changes);
        }
        foreach (var entry in claim.Log)
        {
            using var reader = Reader(entry);
            if (reader.ReadByte() != LogFormat)
                throw new InvalidDataException($"a log entry of partition {claim.Partition} is not one this version writes");
            ReadSourceState(reader, out inputNext, out latest, out lastPlayAt);
            customers.ReplayLogEntry(reader);
        }
        WindowStage windows;
        if (claim.WindowSnapshot is { } windowSnapshot)
        {
            using var reader = Reader(windowSnapshot);
            windows = WindowStage.ReadSnapshot(reader, claim.Partition, topology.Analytics, owners);
        }
        else
        {
            windows = new WindowStage(claim.Partition, topology.Analytics, owners);
        }
        var source = new SourceStage(claim.Partition, topology, deadLetters, repartition, customers)
        {
            InputNext = inputNext,
            LatestPlay = latest,
            LastPlayAtMs = lastPlayAt,
        };
        var task = new StreamTask(claim.Partition, claim.Epoch, topology, customers, windows, source)
        {
            _snapshotBytes = claim.Snapshot?.Length ?? 0,
            _logBytes = claim.Log.Sum(e => (long)e.Length),
            _windowSnapshotBytes = claim.WindowSnapshot?.Length ?? 0,
            _windowSnapshotCursor = windows.Cursor,
            RestoredLogEntries = claim.Log.Count,
        };
        task.RestoredBytes = task._snapshotBytes + task._logBytes + task._windowSnapshotBytes;
        task.RestoreTime = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return task;
    }

    /// <summary>
    /// Cuts a commit: this flush's log entry (or, when the log has grown as large as the snapshot,
    /// a new snapshot), its partials split by owner, and the task's progress. The flush's changes
    /// are cleared; the caller must have flushed the sinks and the repartition producer first, so
    /// that everything before the positions in the commit is written.
    /// </summary>
    public TaskCommit Cut(long? safeHorizon, bool resultsPending)
    {
        var changes = Customers.Changes;
        var partials = new List<(int Owner, byte[] Data)>();
        if (!changes.IsEmpty)
        {
            var partial = new WindowPartial();
            partial.Counters.Merge(changes.Counters);
            Customers.AddToPartial(partial);
            partial.Tracks.EnsureCapacity(changes.TrackPlays.Count);
            partial.Panes.EnsureCapacity(changes.Breakdowns.Count);
            foreach (var ((pane, gender, track), plays) in changes.TrackPlays)
                partial.Tracks.Add(new WindowPartial.TrackCount(pane, gender, track, plays));
            foreach (var (pane, counts) in changes.Breakdowns)
                partial.Panes.Add((pane, counts));
            foreach (var (zip, plays) in changes.Zips)
                partial.Zips.Add((zip, plays));
            partial.NewTracks.AddRange(changes.NewTracks);
            partial.NewMobileTracks.AddRange(changes.NewMobileTracks);
            foreach (var (owner, part) in partial.SplitByOwner(_owners, _topology.Analytics))
                partials.Add((owner, part.ToBytes()));
        }
        if (safeHorizon is { } horizon)
            Customers.AdvanceHorizon(horizon);

        byte[]? logEntry = null, snapshot = null;
        if (!changes.IsEmpty || Source.InputNext != _committedInput || Customers.RepartitionNext != _committedRepartition || safeHorizon is not null)
        {
            logEntry = LogEntry();
            _logBytes += logEntry.Length;
            if (_logBytes >= Math.Max(_topology.CompactionMinimumBytes, _snapshotBytes))
            {
                snapshot = Snapshot();
                logEntry = null;
                _snapshotBytes = snapshot.Length;
                _logBytes = 0;
            }
        }
        changes.Clear();

        byte[]? windowSnapshot = null;
        if (Windows.Cursor != _windowSnapshotCursor && _partialBytes >= Math.Max(_topology.CompactionMinimumBytes, _windowSnapshotBytes))
        {
            windowSnapshot = WindowSnapshot();
            _windowSnapshotBytes = windowSnapshot.Length;
            _windowSnapshotCursor = Windows.Cursor;
            _partialBytes = 0;
        }
        var progress = new TaskProgress(Source.InputNext, Customers.RepartitionNext, Windows.Cursor, resultsPending)
        {
            SourceLatestPlay = Source.LatestPlay,
            LastPlayAtMs = Source.LastPlayAtMs,
            SafeHorizon = Customers.SafeHorizon,
        };
        _committedInput = Source.InputNext;
        _committedRepartition = Customers.RepartitionNext;
        _committedCursor = Windows.Cursor;
        _committedPending = resultsPending;
        _progressDue = false;
        return new TaskCommit(Partition, Epoch, progress)
        {
            LogEntry = logEntry,
            Snapshot = snapshot,
            WindowSnapshot = windowSnapshot,
            WindowCursor = windowSnapshot is null ? null : Windows.Cursor,
            Partials = partials,
        };
    }

    /// <summary>What the task's state holds that grows with event time (what an allowed lateness bounds).</summary>
    public TaskFootprint Footprint => new(Customers.ListenerPairs, Customers.StoredTimes, Customers.Pairs, Windows.ActivityWindows, Windows.TopTracksPanes,
        Customers.SafeHorizon, Windows.Horizon);

    /// <summary>Notes that the results pending at the last commit are written, so the next commit reports it.</summary>
    public void NoteResultsState(bool pending)
    {
        if (pending != _committedPending)
            _progressDue = true;
    }

    /// <summary>Counts the bytes of a partial merged, towards the window stage's next snapshot.</summary>
    public void Merged(PartialEntry entry)
    {
        Windows.Merge(entry);
        _partialBytes += entry.Data.Length;
    }

    private byte[] LogEntry()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(LogFormat);
            WriteSourceState(writer);
            Customers.WriteLogEntry(writer);
        }
        return buffer.ToArray();
    }

    private byte[] Snapshot()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(SnapshotFormat);
            writer.Write(Partition);
            WriteSourceState(writer);
            Customers.WriteSnapshot(writer);
        }
        return buffer.ToArray();
    }

    private byte[] WindowSnapshot()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            Windows.WriteSnapshot(writer);
        return buffer.ToArray();
    }

    private void WriteSourceState(BinaryWriter writer)
    {
        writer.Write(Source.InputNext);
        writer.Write(Source.LatestPlay.HasValue);
        writer.Write(Source.LatestPlay ?? 0);
        writer.Write(Source.LastPlayAtMs);
    }

    private static void ReadSourceState(BinaryReader reader, out long inputNext, out long? latest, out long lastPlayAt)
    {
        inputNext = reader.ReadInt64();
        var hasLatest = reader.ReadBoolean();
        var latestValue = reader.ReadInt64();
        latest = hasLatest ? latestValue : null;
        lastPlayAt = reader.ReadInt64();
    }

    private static BinaryReader Reader(byte[] bytes) => new(new MemoryStream(bytes, writable: false), Encoding.UTF8);
}
