using System.Collections.Concurrent;
using Playstream.Embedded.Runs;

namespace Playstream.Embedded.Tests.Runs;

/// <summary>A followed run going on in the background of a test: its reports, waiting for its writes, stopping it.</summary>
internal sealed class FollowedRun : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task<EmbeddedRunReport> _run;
    private long _events = -1;

    public FollowedRun(EmbeddedRunOptions options, FollowOptions? follow = null)
    {
        var settings = (follow ?? new FollowOptions()) with
        {
            WriteEvery = TimeSpan.FromMilliseconds(20),
            Report = Reports.Enqueue,
            OnWrite = events => Interlocked.Exchange(ref _events, events),
        };
        _run = Task.Run(() => FollowingRunner.RunAsync(options, settings, _stop.Token));
    }

    public ConcurrentQueue<string> Reports { get; } = new();

    /// <summary>Waits until a results write (and its checkpoint) has counted <paramref name="events"/> plays.</summary>
    public async Task WaitForEventsAsync(long events)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (Interlocked.Read(ref _events) < events)
        {
            if (_run.IsCompleted)
                await _run; // a run that failed says why
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the followed run counted {Interlocked.Read(ref _events)} plays, not {events}");
            await Task.Delay(10);
        }
        Assert.Equal(events, Interlocked.Read(ref _events));
    }

    /// <summary>Stops it as Ctrl-C would: final results and a last checkpoint.</summary>
    public async Task<EmbeddedRunReport> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run;
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _run.Wait(Patience); } catch (AggregateException) { }
        _stop.Dispose();
    }
}
