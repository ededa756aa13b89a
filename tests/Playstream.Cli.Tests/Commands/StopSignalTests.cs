using Playstream.Cli.Commands;

namespace Playstream.Cli.Tests.Commands;

public sealed class StopSignalTests
{
    [Fact]
    public void Nothing_is_asked_before_a_signal()
    {
        using var stop = StopSignal.Deaf();

        Assert.False(stop.Requested);
        Assert.False(stop.Token.IsCancellationRequested);
    }

    [Fact]
    public void The_first_signal_asks_for_a_graceful_stop_and_keeps_the_process_running()
    {
        using var stop = StopSignal.Deaf();

        var taken = stop.Take();

        Assert.True(taken);
        Assert.True(stop.Requested);
        Assert.True(stop.Token.IsCancellationRequested);
    }

    [Fact]
    public void Every_later_signal_is_left_to_the_runtime_which_ends_the_process()
    {
        using var stop = StopSignal.Deaf();
        stop.Take();

        Assert.False(stop.Take());
        Assert.False(stop.Take());
        Assert.True(stop.Requested);
    }

    [Fact]
    public void Of_signals_that_come_together_exactly_one_is_the_first()
    {
        using var stop = StopSignal.Deaf();
        using var start = new Barrier(8);
        var firsts = 0;

        var threads = Enumerable.Range(0, 8).Select(_ => new Thread(() =>
        {
            start.SignalAndWait();
            if (stop.Take())
                Interlocked.Increment(ref firsts);
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(1, firsts);
    }
}
