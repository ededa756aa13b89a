using Playstream.Core.Resilience;

namespace Playstream.Elasticsearch;

/// <summary>Bounded attempts with exponential backoff: the wait before retry n is
/// <see cref="InitialDelay"/> * 2^(n-1), capped at <see cref="MaxDelay"/> (the client's
/// <see cref="Core.Resilience.Backoff"/>).</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first one included (1 means no retry).</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>The wait before the first retry.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>These settings as the retry every request of the client runs under.</summary>
    public Backoff Backoff => new() { First = InitialDelay, Max = MaxDelay, Attempts = MaxAttempts };

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
