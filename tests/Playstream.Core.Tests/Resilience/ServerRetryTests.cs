using Playstream.Core.Engine;
using Playstream.Core.Resilience;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Resilience;

public sealed class ServerRetryTests
{
    private readonly InstantTimeProvider _time = new();
    private readonly List<string> _reports = [];
    private int _calls;

    private Task<int> FailingCall(int failures, Func<Exception> failure)
    {
        var call = ++_calls;
        return call <= failures ? Task.FromException<int>(failure()) : Task.FromResult(call);
    }

    [Fact]
    public async Task Each_failure_is_said_in_one_line_then_the_recovery()
    {
        var retry = new ServerRetry(_reports.Add, time: _time);

        var answer = await retry.RunAsync("writing results to redis", _ => FailingCall(3, () => new IOException("connection refused\n   at Some.Stack.Trace()")), CancellationToken.None);

        Assert.Equal(4, answer);
        Assert.Equal(
            [
                "writing results to redis failed (connection refused); retrying in 1s",
                "writing results to redis failed (connection refused); retrying in 2s",
                "writing results to redis failed (connection refused); retrying in 4s",
                "writing results to redis: recovered after 3 failed attempt(s)",
            ],
            _reports);
    }

    [Fact]
    public async Task The_waits_stop_growing_at_the_longest_pause()
    {
        var retry = new ServerRetry(_reports.Add, describe: e => e.GetType().Name, maxDelay: TimeSpan.FromSeconds(5), time: _time);

        await retry.RunAsync("checkpointing", _ => FailingCall(5, () => new IOException()), CancellationToken.None);

        Assert.Equal(new double[] { 1, 2, 4, 5, 5 }, _time.Waits.Select(w => w.TotalSeconds));
        Assert.Equal("checkpointing failed (IOException); retrying in 5s", _reports[4]);
    }

    public static TheoryData<Exception> ForGood => [new NotRetryableException("record too large"), new SettingsException("--topic: no such topic"), new OperationCanceledException()];

    [Theory]
    [MemberData(nameof(ForGood))]
    public async Task A_failure_no_retry_mends_goes_straight_to_the_caller(Exception failure)
    {
        var retry = new ServerRetry(_reports.Add, time: _time);

        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => retry.RunAsync("sending", _ => FailingCall(1, () => failure), CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(1, _calls);
        Assert.Empty(_reports);
    }

    [Fact]
    public async Task Retry_on_narrows_what_is_waited_out()
    {
        var retry = new ServerRetry(_reports.Add, retryOn: e => e is IOException, time: _time);

        await Assert.ThrowsAsync<FormatException>(() => retry.RunAsync("parsing", _ => FailingCall(1, () => new FormatException("bad")), CancellationToken.None));
        Assert.Equal(1, _calls);

        _calls = 0;
        Assert.Equal(2, await retry.RunAsync("reading", _ => FailingCall(1, () => new IOException("down")), CancellationToken.None));
        Assert.Equal(2, _reports.Count);
    }

    [Fact]
    public async Task A_stop_ends_the_waiting()
    {
        // A real clock and the 1 s first wait: the token ends it before it is over.
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var retry = new ServerRetry(_ => waiting.TrySetResult());
        using var stop = new CancellationTokenSource();

        var run = retry.RunAsync("claiming partition 0", _ => FailingCall(int.MaxValue, () => new IOException("down")), stop.Token);
        await waiting.Task;
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, _calls);
    }
}
