using Polly;
using Polly.Retry;

namespace Playstream.Core.Resilience;

/// <summary>
/// How Playstream retries a call, the one way for every server it talks to: a Polly retry that
/// waits <see cref="First"/>, then twice as long after each failure up to <see cref="Max"/>, for
/// at most <see cref="Attempts"/> tries in all and, when <see cref="Within"/> is set, for no
/// longer than that. <see cref="ServerRetry"/>, the Redis connectors and the Elasticsearch client
/// build their pipelines here, so waits, bounds and cancellation behave alike everywhere: the
/// caller's token ends a wait at once, and a cancelled call is never tried again.
/// </summary>
public sealed record Backoff
{
    /// <summary>Tries without end: only the caller's token stops them.</summary>
    public const int Endless = int.MaxValue;

    /// <summary>The wait before the first retry (never more than <see cref="Max"/>).</summary>
    public TimeSpan First { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries.</summary>
    public TimeSpan Max { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Tries in all, the first one included (1 means no retry).</summary>
    public int Attempts { get; init; } = Endless;

    /// <summary>How long the tries and waits of one call may take together (from
    /// <see cref="ShortestWithin"/> to <see cref="LongestWait"/>); past it the call ends with
    /// Polly's <see cref="Polly.Timeout.TimeoutRejectedException"/>. Null: no limit.</summary>
    public TimeSpan? Within { get; init; }

    /// <summary>The shortest <see cref="Within"/> (Polly's bound on a timeout).</summary>
    public static readonly TimeSpan ShortestWithin = TimeSpan.FromMilliseconds(10);

    /// <summary>The longest wait, and the longest <see cref="Within"/> (Polly's bound).</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    /// <summary>
    /// A pipeline that tries a call again when it throws an exception <paramref name="retryOn"/>
    /// accepts; any other exception goes straight to the caller, and so does a cancellation the
    /// caller asked for. <paramref name="onRetry"/> hears of each retry before its wait.
    /// </summary>
    public ResiliencePipeline Pipeline(
        Func<Exception, bool> retryOn, Func<OnRetryArguments<object>, ValueTask>? onRetry = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(retryOn);
        var retries = Retries();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (Within is { } within)
            builder.AddTimeout(within);
        if (retries > 0)
            builder.AddRetry(Fill(new RetryStrategyOptions(), retries, outcome => outcome.Exception is { } e && NotCancelled(outcome) && retryOn(e), onRetry));
        return builder.Build();
    }

    /// <summary>
    /// A pipeline for a call that says its own failures in its result: it is tried again while
    /// <paramref name="retryWhen"/> says so of the outcome (a result, or an exception the call threw).
    /// After the last try the last result goes back to the caller as it is.
    /// </summary>
    public ResiliencePipeline<T> Pipeline<T>(
        Func<Outcome<T>, bool> retryWhen, Func<OnRetryArguments<T>, ValueTask>? onRetry = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(retryWhen);
        var retries = Retries();
        var builder = new ResiliencePipelineBuilder<T> { TimeProvider = time ?? TimeProvider.System };
        if (Within is { } within)
            builder.AddTimeout(within);
        if (retries > 0)
            builder.AddRetry(Fill(new RetryStrategyOptions<T>(), retries, outcome => NotCancelled(outcome) && retryWhen(outcome), onRetry));
        return builder.Build();
    }

    /// <summary>The retries after the first try (Polly's count; its <see cref="int.MaxValue"/> is without end).</summary>
    private int Retries()
    {
        if (Attempts < 1)
            throw new ArgumentException($"at least one attempt is needed (got {Attempts})", nameof(Attempts));
        if (First < TimeSpan.Zero || Max < TimeSpan.Zero || First > LongestWait || Max > LongestWait)
            throw new ArgumentException($"waits must be from 0 to a day (first {First}, longest {Max})", nameof(First));
        if (Within < ShortestWithin || Within > LongestWait)
            throw new ArgumentException($"the time for all tries must be from 10 ms to a day (got {Within})", nameof(Within));
        return Attempts == Endless ? int.MaxValue : Attempts - 1;
    }

    // A cancellation is the caller's wish, never retried; a call whose own timeout should be
    // retried says so in words (its result) instead.
    private static bool NotCancelled<T>(Outcome<T> outcome) => outcome.Exception is not OperationCanceledException;

    private TOptions Fill<TOptions, T>(TOptions options, int retries, Func<Outcome<T>, bool> retry, Func<OnRetryArguments<T>, ValueTask>? onRetry)
        where TOptions : RetryStrategyOptions<T>
    {
        options.ShouldHandle = args => new ValueTask<bool>(retry(args.Outcome));
        options.MaxRetryAttempts = retries;
        options.BackoffType = DelayBackoffType.Exponential;
        options.UseJitter = false;
        options.Delay = First < Max ? First : Max;
        options.MaxDelay = Max;
        options.OnRetry = onRetry;
        return options;
    }
}
