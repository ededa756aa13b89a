namespace Playstream.Elasticsearch;

/// <summary>One retry about to happen: what failed, and how long the client waits.</summary>
/// <param name="Operation">What the client was doing, e.g. "bulk" or "server info".</param>
/// <param name="Url">The node the failed attempt went to.</param>
/// <param name="NextAttempt">The number of the attempt that follows the wait (2 for the first retry).</param>
/// <param name="MaxAttempts">Attempts in all.</param>
/// <param name="Delay">The wait before the next attempt.</param>
/// <param name="StatusCode">The HTTP status that failed, or null when there was no answer.</param>
/// <param name="Reason">Why: the status text, the connection error, or the rejected items.</param>
public sealed record RetryNotice(
    string Operation, Uri Url, int NextAttempt, int MaxAttempts, TimeSpan Delay, int? StatusCode, string Reason)
{
    /// <summary>A line for people, e.g. "elasticsearch unreachable (Connection refused), retrying in 2s".</summary>
    public override string ToString()
    {
        string what = StatusCode is null
            ? $"elasticsearch unreachable at {Url} ({Reason})"
            : $"elasticsearch answered {StatusCode} to {Operation} ({Reason})";
        return $"{what}, retrying in {FormatDelay(Delay)} (attempt {NextAttempt} of {MaxAttempts})";
    }

    private static string FormatDelay(TimeSpan delay) =>
        delay.TotalSeconds >= 1 && delay.Milliseconds == 0
            ? $"{(long)delay.TotalSeconds}s"
            : $"{(long)delay.TotalMilliseconds}ms";
}
