namespace Playstream.Core.Tests.Streaming.Runtime;

/// <summary>Runs work on several threads of its own, released together, so that their calls overlap.</summary>
internal static class ConcurrentCalls
{
    public static void Run(int threads, Action<int> work)
    {
        using var start = new Barrier(threads);
        var failures = new List<Exception>();
        var running = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                work(t);
            }
            catch (Exception e)
            {
                lock (failures)
                    failures.Add(e);
            }
        })).ToList();
        running.ForEach(t => t.Start());
        running.ForEach(t => t.Join());
        if (failures.Count > 0)
            throw new AggregateException(failures);
    }
}
