namespace Playstream.Elasticsearch;

/// <summary>Bounded attempts with exponential backoff: the wait before retry n is
/// <see cref="InitialDelay"/> * 2^(n-1), capped at <see cref="MaxDelay"/>.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first one included (1 means no retry).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retry number <paramref name="retry"/> (1 for the first retry).</summary>
    public TimeSpan DelayBeforeRetry(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        // Doubling past 2^30 only overflows; the cap has long been reached by then.
        double factor = Math.Pow(2, Math.Min(retry - 1, 30));
        double ticks = Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentException("at least one attempt is needed", nameof(MaxAttempts));
        }
        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentException("delays must satisfy 0 <= InitialDelay <= MaxDelay", nameof(InitialDelay));
        }
    }
}
