using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Runtime;

namespace Playstream.TestSupport.Streaming;

/// <summary>
/// A task store in memory with the contract of the real one: claims raise the epoch, a commit
/// with an older epoch is refused whole, a snapshot replaces the log, a window snapshot lets the
/// partials it covers go, partial ids grow in commit order.
/// </summary>
public sealed class InMemoryTaskStore : ITaskStore
{
    private sealed class Slot
    {
        public long Epoch;
        public byte[]? Snapshot;
        public List<byte[]> Log { get; } = [];
        public byte[]? WindowSnapshot;
        public TaskProgress? Progress;
    }

    private readonly object _gate = new();
    private readonly Dictionary<int, Slot> _slots = [];
    private readonly Dictionary<int, List<PartialEntry>> _partials = [];
    private long _sequence;

    public int Commits { get; private set; }
    public int Refused { get; private set; }
    public long BytesWritten { get; private set; }

    /// <summary>Makes every call fail, as a server that is down does, until set back.</summary>
    public bool Down { get; set; }

    public Task<TaskClaim> ClaimAsync(int partition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDown();
            var slot = SlotOf(partition);
            slot.Epoch++;
            return Task.FromResult(new TaskClaim(partition, slot.Epoch, slot.Snapshot, [.. slot.Log], slot.WindowSnapshot));
        }
    }

    public Task<IReadOnlyList<bool>> CommitAsync(IReadOnlyList<TaskCommit> commits, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDown();
            var written = new List<bool>();
            foreach (var commit in commits)
            {
                var slot = SlotOf(commit.Partition);
                if (slot.Epoch != commit.Epoch)
                {
                    Refused++;
                    written.Add(false);
                    continue;
                }
                if (commit.Snapshot is { } snapshot)
                {
                    slot.Snapshot = snapshot;
                    slot.Log.Clear();
                }
                else if (commit.LogEntry is { } entry)
                {
                    slot.Log.Add(entry);
                }
                if (commit.WindowSnapshot is { } windows)
                {
                    slot.WindowSnapshot = windows;
                    PartialsOf(commit.Partition).RemoveAll(e => PartialIds.Compare(e.Id, commit.WindowCursor!) <= 0);
                }
                foreach (var (owner, data) in commit.Partials)
                    PartialsOf(owner).Add(new PartialEntry(owner, $"1-{++_sequence}", data));
                slot.Progress = commit.Progress;
                Commits++;
                BytesWritten += commit.Bytes;
                written.Add(true);
            }
            return Task.FromResult<IReadOnlyList<bool>>(written);
        }
    }

    public Task<IReadOnlyList<PartialEntry>> ReadPartialsAsync(IReadOnlyList<(int Owner, string After)> cursors, int max, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDown();
            var entries = new List<PartialEntry>();
            foreach (var (owner, after) in cursors)
                entries.AddRange(PartialsOf(owner).Where(e => PartialIds.Compare(e.Id, after) > 0).Take(max));
            return Task.FromResult<IReadOnlyList<PartialEntry>>(entries);
        }
    }

    public Task<GroupState> ReadGroupAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ThrowIfDown();
            var progress = _slots.Where(s => s.Value.Progress is not null).ToDictionary(s => s.Key, s => s.Value.Progress!);
            var last = _partials.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => p.Value[^1].Id);
            return Task.FromResult(new GroupState(progress, last));
        }
    }

    /// <summary>How many partials wait in an owner's queue.</summary>
    public int Waiting(int owner)
    {
        lock (_gate)
            return PartialsOf(owner).Count;
    }

    /// <summary>Loses everything, as a store without persistence does when it restarts.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _slots.Clear();
            _partials.Clear();
        }
    }

    public (int LogEntries, long SnapshotBytes, long LogBytes) Stored(int partition)
    {
        lock (_gate)
        {
            var slot = SlotOf(partition);
            return (slot.Log.Count, slot.Snapshot?.Length ?? 0, slot.Log.Sum(e => (long)e.Length));
        }
    }

    private void ThrowIfDown()
    {
        if (Down)
            throw new IOException("the task store is down");
    }

    private Slot SlotOf(int partition)
    {
        if (!_slots.TryGetValue(partition, out var slot))
            _slots.Add(partition, slot = new Slot());
        return slot;
    }

    private List<PartialEntry> PartialsOf(int owner)
    {
        if (!_partials.TryGetValue(owner, out var list))
            _partials.Add(owner, list = []);
        return list;
    }
}
