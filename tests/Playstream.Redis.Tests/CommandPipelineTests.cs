namespace Playstream.Redis.Tests;

public class CommandPipelineTests
{
    [Fact]
    public async Task Replies_are_handed_on_in_item_order_across_batches()
    {
        var items = Enumerable.Range(0, 7).ToList();
        var seen = new List<(int, string)>();
        await CommandPipeline.ForEachReplyAsync(
            items, 3, i => Task.FromResult($"r{i}"), (i, reply) => seen.Add((i, reply)), CancellationToken.None);
        Assert.Equal(items.Select(i => (i, $"r{i}")), seen);
    }

    [Fact]
    public async Task A_full_batch_is_awaited_before_more_are_sent()
    {
        var pipeline = new CommandPipeline(2);
        var first = new TaskCompletionSource();
        await pipeline.AddAsync(first.Task);
        // The second command fills the batch: AddAsync now waits for both.
        var adding = pipeline.AddAsync(Task.CompletedTask).AsTask();
        Assert.False(adding.IsCompleted);
        first.SetResult();
        await adding;
    }

    [Fact]
    public async Task A_failed_command_surfaces_at_flush()
    {
        var pipeline = new CommandPipeline(10);
        await pipeline.AddAsync(Task.CompletedTask);
        await pipeline.AddAsync(Task.FromException(new InvalidOperationException("boom")));
        var e = await Assert.ThrowsAsync<InvalidOperationException>(pipeline.FlushAsync);
        Assert.Equal("boom", e.Message);
    }
}
