using System.Runtime.ExceptionServices;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>
/// Runs one piece of work per task on up to <see cref="Threads"/> threads at once, as Kafka
/// Streams runs its tasks on several stream threads: a task's state is its own, so tasks never
/// share anything but the ports, which <see cref="StreamRunner"/> hands them serialized. One
/// task's work stays on one thread and in order. With one thread, or one piece of work, it runs
/// on the caller's thread with no overhead.
/// </summary>
internal sealed class TaskParallelism(int threads)
{
    private readonly ParallelOptions _options = new() { MaxDegreeOfParallelism = Math.Max(1, threads) };

    public int Threads => _options.MaxDegreeOfParallelism;

    public void ForEach<T>(IReadOnlyList<T> items, Action<T> work)
    {
        if (Threads == 1 || items.Count <= 1)
        {
            for (var i = 0; i < items.Count; i++)
                work(items[i]);
            return;
        }
        try
        {
            Parallel.For(0, items.Count, _options, i => work(items[i]));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // The caller handles a task's failure as it would on one thread (a delivery that failed for good, say).
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    public TResult[] Map<T, TResult>(IReadOnlyList<T> items, Func<T, TResult> work)
    {
        var results = new TResult[items.Count];
        ForEach(Enumerable.Range(0, items.Count).ToList(), i => results[i] = work(items[i]));
        return results;
    }
}
