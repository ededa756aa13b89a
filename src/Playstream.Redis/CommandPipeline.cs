namespace Playstream.Redis;

/// <summary>
/// Sends commands without waiting for each reply, and waits for a whole batch at once: one
/// round trip per batch instead of one per command. The client keeps the order of commands
/// on the connection, so a later batch never overtakes an earlier one.
/// </summary>
internal sealed class CommandPipeline
{
    public const int DefaultBatchSize = 1000;

    private readonly List<Task> _pending;
    private readonly int _batchSize;

    public CommandPipeline(int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        _batchSize = batchSize;
        _pending = new List<Task>(batchSize);
    }

    /// <summary>Adds a sent command; waits for the batch when it is full.</summary>
    public async ValueTask AddAsync(Task command)
    {
        _pending.Add(command);
        if (_pending.Count >= _batchSize)
            await FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for every command sent so far; throws the first failure after all have finished.</summary>
    public async Task FlushAsync()
    {
        if (_pending.Count == 0)
            return;
        var batch = _pending.ToArray();
        _pending.Clear();
        await Task.WhenAll(batch).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="fetch"/> for each item, a batch in flight at a time, and hands each reply on in order.</summary>
    public static async Task ForEachReplyAsync<TItem, TReply>(
        IReadOnlyList<TItem> items, int batchSize, Func<TItem, Task<TReply>> fetch, Action<TItem, TReply> consume, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (var start = 0; start < items.Count; start += batchSize)
        {
            cancel.ThrowIfCancellationRequested();
            var count = Math.Min(batchSize, items.Count - start);
            var replies = new Task<TReply>[count];
            for (var i = 0; i < count; i++)
                replies[i] = fetch(items[start + i]);
            await Task.WhenAll(replies).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
                consume(items[start + i], replies[i].Result);
        }
    }
}
