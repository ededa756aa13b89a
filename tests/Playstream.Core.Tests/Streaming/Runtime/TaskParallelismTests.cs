using System.Collections.Concurrent;
using Playstream.Core.Streaming.Runtime;

namespace Playstream.Core.Tests.Streaming.Runtime;

public sealed class TaskParallelismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Each_items_work_is_done_once(int threads)
    {
        var items = Enumerable.Range(0, 500).ToList();
        var done = new ConcurrentDictionary<int, int>();

        new TaskParallelism(threads).ForEach(items, i => done.AddOrUpdate(i, 1, (_, n) => n + 1));

        Assert.Equal(items, done.Keys.Order());
        Assert.All(done.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public void With_one_thread_the_work_runs_on_the_callers_thread_in_order()
    {
        var caller = Environment.CurrentManagedThreadId;
        var seen = new List<(int Item, int Thread)>();

        new TaskParallelism(1).ForEach([3, 1, 2], i => seen.Add((i, Environment.CurrentManagedThreadId)));

        Assert.Equal([(3, caller), (1, caller), (2, caller)], seen);
    }

    [Fact]
    public void Fewer_than_one_thread_means_one()
    {
        Assert.Equal(1, new TaskParallelism(0).Threads);
        Assert.Equal(1, new TaskParallelism(-3).Threads);
        Assert.Equal(3, new TaskParallelism(3).Threads);
    }

    [Fact]
    public void With_several_threads_items_run_side_by_side()
    {
        // Each item waits for the other: they finish only if both run at once.
        using var both = new Barrier(2);
        var met = new ConcurrentBag<bool>();

        new TaskParallelism(2).ForEach([0, 1], _ => met.Add(both.SignalAndWait(TimeSpan.FromSeconds(30))));

        Assert.Equal([true, true], met);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void One_items_failure_is_rethrown_as_itself(int threads)
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new TaskParallelism(threads).ForEach(Enumerable.Range(0, 50).ToList(), i =>
            {
                if (i == 17)
                    throw new InvalidOperationException("item 17 failed");
            }));

        Assert.Equal("item 17 failed", e.Message);
    }

    [Fact]
    public void Failures_of_several_items_at_once_come_together()
    {
        using var both = new Barrier(2);

        var e = Assert.Throws<AggregateException>(() => new TaskParallelism(2).ForEach([0, 1], i =>
        {
            both.SignalAndWait(TimeSpan.FromSeconds(30));
            throw new InvalidOperationException($"item {i} failed");
        }));

        Assert.Equal(["item 0 failed", "item 1 failed"], e.InnerExceptions.Select(x => x.Message).Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Map_keeps_the_order_of_the_items(int threads)
    {
        var items = Enumerable.Range(0, 300).Select(i => (i * 7919) % 1000).ToList();

        var results = new TaskParallelism(threads).Map(items, i =>
        {
            // Uneven work, so that items finish out of order.
            Thread.SpinWait(i * 50);
            return $"#{i}";
        });

        Assert.Equal(items.Select(i => $"#{i}"), results);
    }
}
