using System.Globalization;
using System.Text;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Results;
using Playstream.Core.Streaming;
using Playstream.Core.Streaming.Partials;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Stages;
using Playstream.Core.Tests.Engine;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming.Stages;

/// <summary>
/// A partition's task on its own, driven turn by turn as a runner would (take, send on, cut,
/// commit, merge, write results): restored from what it committed it is the task it was, and a
/// job whose tasks are restored every few turns ends with the brute force's results; the commit
/// holds a log entry or a snapshot as the compaction rule says, and the progress of the turn.
/// </summary>
public sealed class StreamTaskTests
{
    private static readonly TopologySettings OnePartition = new() { Topic = "plays", Partitions = 1, Analytics = StreamingLogs.Small };
    private const long NowMs = 1_700_000_000_000;

    /// <summary>Two tasks and the topics, store and results they share, turned by hand.</summary>
    private sealed class Job(TopologySettings topology, LookupTables lookups)
    {
        private readonly PlayBatchPool _pool = new();

        public InMemoryTopics Topics { get; } = new(topology.Partitions);
        public InMemoryTaskStore Store { get; } = new();
        public InMemoryResultSink Results { get; } = new();
        public CollectingDeadLetters DeadLetters { get; } = new();

        public async Task<(StreamTask Task, TaskClaim Claim)> ClaimAsync(int partition)
        {
            var claim = await Store.ClaimAsync(partition, CancellationToken.None);
            var task = StreamTask.Restore(claim, topology, lookups, DeadLetters, null, _pool, Topics.Producer());
            await MergeAsync(task);
            return (task, claim);
        }

        public async Task TurnAsync(IReadOnlyList<StreamTask> tasks, int recordsPerTopic, long nowMs)
        {
            foreach (var task in tasks)
            {
                var input = Topics.Input[task.Partition];
                var inputFrom = task.Source.InputNext;
                for (var offset = inputFrom; offset < Math.Min(input.Count, inputFrom + recordsPerTopic); offset++)
                    task.Source.Take(offset, input[(int)offset].Key, input[(int)offset].Value, nowMs);
                var repartition = Topics.Repartition[task.Partition];
                var from = task.Customers.RepartitionNext;
                for (var offset = from; offset < Math.Min(repartition.Count, from + recordsPerTopic); offset++)
                    task.Customers.TakeRepartitioned(offset, repartition[(int)offset].Key, repartition[(int)offset].Value);
                task.Source.SendBatches();
            }
            var commits = tasks.Where(t => t.IsDirty).Select(t => t.Cut(null, t.HasPendingResults)).ToList();
            Assert.All(await Store.CommitAsync(commits, CancellationToken.None), Assert.True);
            foreach (var task in tasks)
                await MergeAsync(task);
            foreach (var task in tasks.Where(t => t.HasPendingResults))
            {
                List<CustomerProfile> profiles = [];
                List<Interest> interests = [];
                task.Customers.TakeResults(profiles, interests);
                await Results.WriteAsync(task.Windows.TakeResults() with { Profiles = profiles, Interests = interests }, CancellationToken.None);
                task.Customers.ResultsWritten();
                task.Windows.ResultsWritten();
                task.NoteResultsState(false);
            }
        }

        public async Task<bool> DoneAsync(IReadOnlyList<StreamTask> tasks)
        {
            foreach (var task in tasks)
                if (task.Source.InputNext < Topics.Input[task.Partition].Count || task.Customers.RepartitionNext < Topics.Repartition[task.Partition].Count
                    || task.IsDirty || task.HasPendingResults || (await Store.ReadPartialsAsync([(task.Partition, task.Windows.Cursor)], 1, CancellationToken.None)).Count > 0)
                    return false;
            return true;
        }

        private async Task MergeAsync(StreamTask task)
        {
            foreach (var entry in await Store.ReadPartialsAsync([(task.Partition, task.Windows.Cursor)], int.MaxValue, CancellationToken.None))
                task.Merged(entry);
        }
    }

    private static void AssertSameState(StreamTask live, StreamTask restored, TaskClaim claim)
    {
        Assert.Equal(live.Partition, restored.Partition);
        Assert.Equal(live.Epoch + 1, restored.Epoch);
        Assert.Equal((live.Source.InputNext, live.Source.LatestPlay, live.Source.LastPlayAtMs), (restored.Source.InputNext, restored.Source.LatestPlay, restored.Source.LastPlayAtMs));
        Assert.Equal((live.Customers.RepartitionNext, live.Customers.SafeHorizon), (restored.Customers.RepartitionNext, restored.Customers.SafeHorizon));
        foreach (var customer in Enumerable.Range(0, 80))
            Assert.Equal(live.Customers.Profile(customer), restored.Customers.Profile(customer));
        // A detected pair keeps its times up to the detection; the live task may hold a copy or two more of the detection's own
        // time (equal times that came before it), which a restore, inserting the times in order, leaves out: they never change a detection.
        Assert.Equal(live.Footprint with { StoredTimes = 0 }, restored.Footprint with { StoredTimes = 0 });
        Assert.InRange(restored.Footprint.StoredTimes, live.Footprint.StoredTimes - live.Footprint.Pairs, live.Footprint.StoredTimes);
        Assert.Equal(live.Windows.Cursor, restored.Windows.Cursor);
        Assert.Equal(claim.Log.Count, restored.RestoredLogEntries);
        Assert.Equal((claim.Snapshot?.Length ?? 0) + claim.Log.Sum(e => e.Length) + (claim.WindowSnapshot?.Length ?? 0), restored.RestoredBytes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_task_restored_from_its_snapshot_and_log_is_the_live_one_and_the_job_goes_on_to_the_reference(int seed)
    {
        var log = RandomEventLog.Generate(seed, 2500);
        var topology = new TopologySettings { Topic = "plays", Partitions = 2, Analytics = StreamingLogs.Small, CompactionMinimumBytes = 2048 };
        var job = new Job(topology, StreamingLogs.Lookups(log));
        var random = new Random(seed);
        foreach (var line in StreamingLogs.Lines(log))
            job.Topics.Input[random.Next(2)].Add(([], Encoding.UTF8.GetBytes(line)));
        var tasks = new[] { (await job.ClaimAsync(0)).Task, (await job.ClaimAsync(1)).Task };

        var restores = new List<TaskClaim>();
        for (var turn = 1; !await job.DoneAsync(tasks); turn++)
        {
            Assert.True(turn < 1_000, "the job does not finish");
            await job.TurnAsync(tasks, recordsPerTopic: 40, NowMs + turn);
            if (turn % 4 != 0)
                continue;
            // A new owner takes each partition over from what was committed.
            for (var p = 0; p < tasks.Length; p++)
            {
                var (restored, claim) = await job.ClaimAsync(p);
                AssertSameState(tasks[p], restored, claim);
                tasks[p] = restored;
                restores.Add(claim);
            }
        }

        Assert.Contains(restores, c => c.Snapshot is not null && c.Log.Count > 0);
        Assert.Contains(restores, c => c.WindowSnapshot is not null);
        Assert.True(job.Topics.Repartition.Sum(r => r.Count) > 0, "some lines went to their customer's partition through the repartition topic");
        ResultsAssert.Equal(log.Reference(StreamingLogs.Small), job.Results.Results());
        Assert.Equal(log.Entries.Count(e => e.DeadLetter is not null), job.DeadLetters.Letters.Count);
    }

    private static StreamTask NewTask(TopologySettings topology) =>
        StreamTask.Restore(new TaskClaim(0, 1, null, [], null), topology, LookupTables.Empty(), new CollectingDeadLetters(), null, new PlayBatchPool(), new InMemoryTopics(1).Producer());

    /// <summary>Play <paramref name="i"/> of its own customer and track, so that the state grows with each.</summary>
    private static void TakePlay(StreamTask task, int i, long nowMs = NowMs)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"{i},{i},{i},\"{Utc.Text(Utc.Seconds("2014-10-20 10:00:00") + 60L * i)}\",{i % 2},\"1\"");
        task.Source.Take(task.Source.InputNext, [], Encoding.UTF8.GetBytes(line), nowMs);
        task.Source.SendBatches();
    }

    [Fact]
    public void A_cut_writes_a_log_entry_until_the_log_is_as_large_as_the_snapshot_and_the_minimum_then_a_snapshot()
    {
        // One play a cut makes log entries of one size.
        var probe = NewTask(OnePartition with { CompactionMinimumBytes = long.MaxValue });
        var sizes = Enumerable.Range(0, 4).Select(i =>
        {
            TakePlay(probe, i);
            var commit = probe.Cut(null, false);
            Assert.Null(commit.Snapshot);
            return commit.LogEntry!.Length;
        }).Distinct().ToList();
        var entry = Assert.Single(sizes);

        var minimum = 3L * entry;
        var task = NewTask(OnePartition with { CompactionMinimumBytes = minimum });
        long logBytes = 0, snapshotBytes = 0;
        var snapshotsAt = new List<int>();
        for (var i = 0; i < 60; i++)
        {
            TakePlay(task, i);
            var commit = task.Cut(null, false);
            logBytes += entry;
            if (logBytes >= Math.Max(minimum, snapshotBytes))
            {
                Assert.Null(commit.LogEntry);
                Assert.NotNull(commit.Snapshot);
                snapshotBytes = commit.Snapshot.Length;
                logBytes = 0;
                snapshotsAt.Add(i);
            }
            else
            {
                Assert.Null(commit.Snapshot);
                Assert.Equal(entry, commit.LogEntry?.Length);
            }
        }

        // The first snapshot comes at the minimum (the third cut), later ones once the log is as large as the grown snapshot.
        Assert.Equal(2, snapshotsAt[0]);
        var gaps = snapshotsAt.Zip(snapshotsAt.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Count >= 3 && gaps[^1] > gaps[0] && gaps[0] > 3, $"snapshots at cuts {string.Join(", ", snapshotsAt)}");
    }

    [Fact]
    public void A_cut_with_nothing_new_writes_neither_log_nor_snapshot_nor_partials()
    {
        var task = NewTask(OnePartition);
        TakePlay(task, 0);
        var first = task.Cut(null, false);
        Assert.NotNull(first.LogEntry);
        Assert.Equal([WindowOwners.GlobalOwner], first.Partials.Select(p => p.Owner));
        Assert.False(task.IsDirty);

        var second = task.Cut(null, false);

        Assert.Null(second.LogEntry);
        Assert.Null(second.Snapshot);
        Assert.Null(second.WindowSnapshot);
        Assert.Empty(second.Partials);
    }

    [Fact]
    public void A_window_snapshot_is_cut_once_the_partials_merged_since_the_last_are_as_large_as_it_and_the_minimum()
    {
        var wide = new WindowPartial();
        for (var pane = 0; pane < 200; pane++)
            wide.Activity.AddPane(1_000 + pane, 1, 0);
        var small = new WindowPartial();
        small.Activity.AddPane(5_000, 1, 0);
        var (wideBytes, smallBytes) = (wide.ToBytes(), small.ToBytes());
        var task = NewTask(OnePartition with { CompactionMinimumBytes = wideBytes.Length });
        var sequence = 0;
        void Merge(byte[] bytes, int count = 1)
        {
            for (var i = 0; i < count; i++)
                task.Merged(new PartialEntry(0, $"1-{++sequence}", bytes));
        }

        Merge(smallBytes);
        Assert.Null(task.Cut(null, false).WindowSnapshot); // below the minimum
        Merge(wideBytes);
        var cut = task.Cut(null, false);
        Assert.NotNull(cut.WindowSnapshot);
        Assert.Equal("1-2", cut.WindowCursor);
        var snapshotBytes = cut.WindowSnapshot.Length;
        Assert.True(snapshotBytes > wideBytes.Length, "the snapshot holds more than the minimum");
        Assert.Null(task.Cut(null, false).WindowSnapshot); // nothing merged since

        // The next once the partials merged since are as large as that snapshot.
        var needed = (snapshotBytes + smallBytes.Length - 1) / smallBytes.Length;
        Merge(smallBytes, needed - 1);
        var before = task.Cut(null, false);
        Assert.Null(before.WindowSnapshot);
        Assert.Null(before.WindowCursor);
        Merge(smallBytes);
        Assert.Equal($"1-{sequence}", task.Cut(null, false).WindowCursor);
    }

    [Fact]
    public void A_cuts_progress_is_where_the_task_got_to()
    {
        var task = StreamTask.Restore(new TaskClaim(0, 7, null, [], null), OnePartition, LookupTables.Empty(), new CollectingDeadLetters(), null, new PlayBatchPool(), new InMemoryTopics(1).Producer());
        for (var i = 0; i < 5; i++)
            TakePlay(task, i, NowMs + i);
        task.Merged(new PartialEntry(0, "42-1", new WindowPartial().ToBytes()));
        var horizon = Utc.Seconds("2014-10-20 09:00:00");

        var commit = task.Cut(horizon, resultsPending: true);

        Assert.Equal((0, 7L), (commit.Partition, commit.Epoch));
        Assert.Equal(new TaskProgress(5, 0, "42-1", true)
        {
            SourceLatestPlay = Utc.Seconds("2014-10-20 10:04:00"),
            LastPlayAtMs = NowMs + 4,
            SafeHorizon = horizon,
        }, commit.Progress);
    }

    [Fact]
    public void A_change_in_whether_results_are_pending_makes_the_task_report_it()
    {
        var task = NewTask(OnePartition);
        TakePlay(task, 0);
        Assert.True(task.Cut(null, resultsPending: true).Progress.ResultsPending);
        task.NoteResultsState(true);
        Assert.False(task.IsDirty);

        task.NoteResultsState(false);

        Assert.True(task.IsDirty);
        var commit = task.Cut(null, resultsPending: false);
        Assert.False(commit.Progress.ResultsPending);
        Assert.Null(commit.LogEntry);
        Assert.False(task.IsDirty);
    }

    [Fact]
    public void State_of_another_partition_or_format_is_refused()
    {
        var task = NewTask(OnePartition with { CompactionMinimumBytes = 1 });
        TakePlay(task, 0);
        var snapshot = task.Cut(null, false).Snapshot!;
        TakePlay(task, 1);
        var entry = NewTask(OnePartition with { CompactionMinimumBytes = long.MaxValue });
        TakePlay(entry, 0);
        var logEntry = entry.Cut(null, false).LogEntry!;

        StreamTask Restore(TaskClaim claim) =>
            StreamTask.Restore(claim, OnePartition with { Partitions = 2 }, LookupTables.Empty(), new CollectingDeadLetters(), null, new PlayBatchPool(), new InMemoryTopics(2).Producer());

        var other = Assert.Throws<InvalidDataException>(() => Restore(new TaskClaim(1, 2, snapshot, [], null)));
        Assert.Equal("the snapshot of partition 1 is not one this version writes", other.Message);
        var badFormat = (byte[])logEntry.Clone();
        badFormat[0] = 9;
        var format = Assert.Throws<InvalidDataException>(() => Restore(new TaskClaim(0, 2, null, [logEntry, badFormat], null)));
        Assert.Equal("a log entry of partition 0 is not one this version writes", format.Message);
    }
}
