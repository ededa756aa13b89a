using Playstream.Core.Resilience;
using Playstream.TestSupport;
using Polly;
using Polly.Timeout;

namespace Playstream.Core.Tests.Resilience;

public sealed class BackoffTests
{
    private readonly InstantTimeProvider _time = new();
    private int _calls;

    /// <summary>A call that fails with <paramref name="failure"/> its first <paramref name="failures"/> times, then answers its try number.</summary>
    private ValueTask<int> FailingCall(int failures, Exception? failure = null)
    {
        var call = Interlocked.Increment(ref _calls);
        return call <= failures ? ValueTask.FromException<int>(failure ?? new IOException("down")) : ValueTask.FromResult(call);
    }

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public async Task Waits_double_from_the_first_up_to_the_longest()
    {
        var pipeline = new Backoff { First = Ms(500), Max = TimeSpan.FromSeconds(3), Attempts = 7 }.Pipeline(_ => true, time: _time);

        await Assert.ThrowsAsync<IOException>(() => pipeline.ExecuteAsync(_ => FailingCall(int.MaxValue)).AsTask());

        Assert.Equal(7, _calls);
        Assert.Equal([Ms(500), Ms(1000), Ms(2000), Ms(3000), Ms(3000), Ms(3000)], _time.Waits);
    }

    [Fact]
    public async Task The_default_waits_1_2_4_8_16_then_30_s_and_tries_without_end()
    {
        var pipeline = new Backoff().Pipeline(_ => true, time: _time);

        var answer = await pipeline.ExecuteAsync(_ => FailingCall(8));

        Assert.Equal(9, answer);
        Assert.Equal(new double[] { 1, 2, 4, 8, 16, 30, 30, 30 }, _time.Waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public async Task A_very_late_retry_waits_the_longest_not_an_overflow()
    {
        var pipeline = new Backoff { First = TimeSpan.FromSeconds(1), Max = TimeSpan.FromMinutes(1) }.Pipeline(_ => true, time: _time);

        await pipeline.ExecuteAsync(_ => FailingCall(1000));

        Assert.Equal(1000, _time.Waits.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), _time.Waits[^1]);
    }

    [Fact]
    public async Task A_first_wait_longer_than_the_longest_is_cut_to_it()
    {
        var pipeline = new Backoff { First = TimeSpan.FromSeconds(1), Max = Ms(5) }.Pipeline(_ => true, time: _time);

        await pipeline.ExecuteAsync(_ => FailingCall(2));

        Assert.Equal([Ms(5), Ms(5)], _time.Waits);
    }

    [Fact]
    public async Task One_attempt_is_no_retry()
    {
        var pipeline = new Backoff { Attempts = 1 }.Pipeline(_ => true, time: _time);

        await Assert.ThrowsAsync<IOException>(() => pipeline.ExecuteAsync(_ => FailingCall(1)).AsTask());

        Assert.Equal(1, _calls);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task Only_the_failures_it_accepts_are_retried()
    {
        var pipeline = new Backoff().Pipeline(e => e is IOException, time: _time);

        await Assert.ThrowsAsync<InvalidDataException>(() => pipeline.ExecuteAsync(_ => FailingCall(5, new InvalidDataException("bad record"))).AsTask());
        Assert.Equal(1, _calls);

        _calls = 0;
        Assert.Equal(3, await pipeline.ExecuteAsync(_ => FailingCall(2, new IOException("down"))));
    }

    [Fact]
    public async Task A_cancelled_call_is_not_retried_even_when_every_failure_is_accepted()
    {
        var pipeline = new Backoff().Pipeline(_ => true, time: _time);

        await Assert.ThrowsAsync<OperationCanceledException>(() => pipeline.ExecuteAsync(_ => FailingCall(5, new OperationCanceledException())).AsTask());

        Assert.Equal(1, _calls);
        Assert.Empty(_time.Waits);
    }

    [Fact]
    public async Task The_callers_token_ends_a_wait_at_once()
    {
        // A real clock and an hour's wait: only the token can end it.
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = new Backoff { First = TimeSpan.FromHours(1), Max = TimeSpan.FromHours(1) }.Pipeline(
            _ => true,
            _ =>
            {
                waiting.TrySetResult();
                return default;
            });
        using var stop = new CancellationTokenSource();

        var run = pipeline.ExecuteAsync(_ => FailingCall(int.MaxValue), stop.Token).AsTask();
        await waiting.Task;
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(1, _calls);
    }

    [Fact]
    public async Task A_result_pipeline_retries_while_the_result_says_so_and_hands_back_the_last_one()
    {
        var answers = new Queue<string>(["busy", "busy", "busy"]);
        var retried = new List<(int Attempt, string Result, TimeSpan Wait)>();
        var pipeline = new Backoff { First = Ms(100), Attempts = 3 }.Pipeline<string>(
            o => o.Result == "busy",
            args =>
            {
                retried.Add((args.AttemptNumber, args.Outcome.Result!, args.RetryDelay));
                return default;
            },
            _time);

        var last = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(answers.Dequeue()));

        Assert.Equal("busy", last);
        Assert.Empty(answers);
        Assert.Equal([(0, "busy", Ms(100)), (1, "busy", Ms(200))], retried);
    }

    [Fact]
    public async Task A_result_pipeline_stops_at_the_first_good_result()
    {
        var answers = new Queue<int>([503, 503, 200, 503]);
        var pipeline = new Backoff { First = Ms(10) }.Pipeline<int>(o => o.Result == 503, time: _time);

        Assert.Equal(200, await pipeline.ExecuteAsync(_ => ValueTask.FromResult(answers.Dequeue())));
        Assert.Equal([Ms(10), Ms(20)], _time.Waits);
    }

    [Fact]
    public async Task The_time_for_all_tries_ends_them()
    {
        // Waits of a millisecond within 300 ms of a real clock: many tries, then the end.
        var pipeline = new Backoff { First = Ms(1), Max = Ms(1), Within = Ms(300) }.Pipeline(_ => true);

        await Assert.ThrowsAsync<TimeoutRejectedException>(() => pipeline.ExecuteAsync(_ => FailingCall(int.MaxValue)).AsTask());

        Assert.True(_calls > 1, $"{_calls} call(s)");
    }

    [Theory]
    [InlineData(0, 1000, 1000, null)]
    [InlineData(3, -1, 1000, null)]
    [InlineData(3, 1000, -1, null)]
    [InlineData(3, 1000, 2 * 86_400_000, null)]
    [InlineData(3, 1000, 1000, 0)]
    [InlineData(3, 1000, 1000, 5)]
    [InlineData(3, 1000, 1000, 2 * 86_400_000)]
    public void Settings_that_cannot_work_are_refused(int attempts, int firstMs, int maxMs, int? withinMs)
    {
        var backoff = new Backoff { Attempts = attempts, First = Ms(firstMs), Max = Ms(maxMs), Within = withinMs is { } ms ? Ms(ms) : null };

        Assert.Throws<ArgumentException>(() => backoff.Pipeline(_ => true));
    }
}
