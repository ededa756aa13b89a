using Xunit;
using Playstream.Core.Streaming.Ports;

namespace Playstream.TestSupport.Streaming;

/// <summary>
/// What every task store must do, as tests: one derived class per store (in memory, Redis), so
/// the fake the core's tests use and the real one are held to the same behaviour.
/// </summary>
#pragma warning disable CA1707 // test names read as sentences, as in the test projects
public abstract class TaskStoreContract
{
    /// <summary>A fresh, empty store of a job with the given partitions.</summary>
    protected abstract Task<ITaskStore> NewStoreAsync(int partitions);

    private static TaskProgress Progress(long input, string cursor = "0-0") => new(input, input * 2, cursor, false) { SourceLatestPlay = 1000 + input, LastPlayAtMs = 5 };

    private static byte[] Bytes(params byte[] bytes) => bytes;

    [Fact]
    public async Task A_claim_raises_the_epoch_and_a_new_task_has_nothing_stored()
    {
        var store = await NewStoreAsync(2);
        var first = await store.ClaimAsync(1, default);
        var second = await store.ClaimAsync(1, default);
        Assert.Equal(first.Epoch + 1, second.Epoch);
        Assert.Null(second.Snapshot);
        Assert.Empty(second.Log);
        Assert.Null(second.WindowSnapshot);
        Assert.Equal(1, (await store.ClaimAsync(0, default)).Epoch - (await store.ClaimAsync(0, default)).Epoch + 2);
    }

    [Fact]
    public async Task Log_entries_come_back_in_order_and_a_snapshot_replaces_them()
    {
        var store = await NewStoreAsync(1);
        var epoch = (await store.ClaimAsync(0, default)).Epoch;
        Assert.Equal([true, true], await store.CommitAsync(
        [
            new TaskCommit(0, epoch, Progress(1)) { LogEntry = Bytes(1) },
            new TaskCommit(0, epoch, Progress(2)) { LogEntry = Bytes(2, 2) },
        ], default));
        var claim = await store.ClaimAsync(0, default);
        Assert.Equal([[1], [2, 2]], claim.Log);
        Assert.True(await CommitOne(store, new TaskCommit(0, claim.Epoch, Progress(3)) { Snapshot = Bytes(9, 9, 9) }));
        Assert.True(await CommitOne(store, new TaskCommit(0, claim.Epoch, Progress(4)) { LogEntry = Bytes(4) }));
        var after = await store.ClaimAsync(0, default);
        Assert.Equal(Bytes(9, 9, 9), after.Snapshot);
        Assert.Equal([[4]], after.Log);
    }

    [Fact]
    public async Task A_commit_with_an_older_epoch_is_refused_whole()
    {
        var store = await NewStoreAsync(2);
        var old = (await store.ClaimAsync(0, default)).Epoch;
        Assert.True(await CommitOne(store, new TaskCommit(0, old, Progress(1)) { LogEntry = Bytes(1) }));
        var successor = (await store.ClaimAsync(0, default)).Epoch;
        var written = await store.CommitAsync(
        [
            new TaskCommit(0, old, Progress(7)) { LogEntry = Bytes(7), Partials = [(1, Bytes(7))] },
            new TaskCommit(0, successor, Progress(2)) { LogEntry = Bytes(2) },
        ], default);
        Assert.Equal([false, true], written);
        var group = await store.ReadGroupAsync(default);
        Assert.Equal(2, group.Progress[0].InputNext);
        Assert.False(group.LastPartialIds.ContainsKey(1));
        Assert.Equal([[1], [2]], (await store.ClaimAsync(0, default)).Log);
    }

    [Fact]
    public async Task Partials_queue_in_commit_order_and_a_window_snapshot_lets_the_merged_ones_go()
    {
        var store = await NewStoreAsync(2);
        var zero = (await store.ClaimAsync(0, default)).Epoch;
        var one = (await store.ClaimAsync(1, default)).Epoch;
        Assert.True(await CommitOne(store, new TaskCommit(0, zero, Progress(1)) { Partials = [(1, Bytes(1)), (0, Bytes(10))] }));
        Assert.True(await CommitOne(store, new TaskCommit(1, one, Progress(1)) { Partials = [(1, Bytes(2))] }));
        Assert.True(await CommitOne(store, new TaskCommit(0, zero, Progress(2)) { Partials = [(1, Bytes(3))] }));

        var waiting = await store.ReadPartialsAsync([(1, "0-0"), (0, "0-0")], 10, default);
        Assert.Equal([1, 2, 3], waiting.Where(e => e.Owner == 1).Select(e => e.Data[0]));
        Assert.Equal([10], waiting.Where(e => e.Owner == 0).Select(e => e.Data[0]));
        var ids = waiting.Where(e => e.Owner == 1).Select(e => e.Id).ToList();
        Assert.Equal(ids, ids.Order(Comparer<string>.Create(Core.Streaming.Runtime.PartialIds.Compare)));
        Assert.Equal([3], (await store.ReadPartialsAsync([(1, ids[1])], 10, default)).Select(e => e.Data[0]));
        Assert.Equal(2, (await store.ReadPartialsAsync([(1, "0-0")], 2, default)).Count);
        Assert.Equal(ids[2], (await store.ReadGroupAsync(default)).LastPartialIds[1]);

        Assert.True(await CommitOne(store, new TaskCommit(1, one, Progress(2, ids[1])) { WindowSnapshot = Bytes(5), WindowCursor = ids[1] }));
        Assert.Equal([3], (await store.ReadPartialsAsync([(1, "0-0")], 10, default)).Select(e => e.Data[0]));
        Assert.Equal(Bytes(5), (await store.ClaimAsync(1, default)).WindowSnapshot);
    }

    [Fact]
    public async Task The_group_state_holds_each_task_s_last_progress()
    {
        var store = await NewStoreAsync(3);
        var epoch = (await store.ClaimAsync(2, default)).Epoch;
        var progress = new TaskProgress(12, 34, "1-5", true) { SourceLatestPlay = 777, LastPlayAtMs = 888, SafeHorizon = 666 };
        Assert.True(await CommitOne(store, new TaskCommit(2, epoch, progress)));
        var group = await store.ReadGroupAsync(default);
        Assert.Equal(progress, group.Progress[2]);
        Assert.False(group.Progress.ContainsKey(0));
        Assert.Empty(group.LastPartialIds);
    }

    private static async Task<bool> CommitOne(ITaskStore store, TaskCommit commit) => (await store.CommitAsync([commit], default))[0];
}
