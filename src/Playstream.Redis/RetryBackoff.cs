namespace Playstream.Redis;

/// <summary>How long to wait before retrying a server that did not answer: doubling from 1 s, capped.</summary>
public static class RetryBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(30);

    /// <summary>The wait before retry number <paramref name="attempt"/> (1 for the first retry).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan? cap = null)
    {
        var limit = cap ?? DefaultCap;
        if (attempt < 1)
            return TimeSpan.Zero;
        // 2^(attempt-1) seconds; past 2^20 the cap has long been reached, so stop doubling there.
        var seconds = Math.Pow(2, Math.Min(attempt - 1, 20)) * First.TotalSeconds;
        var delay = TimeSpan.FromSeconds(seconds);
        return delay < limit ? delay : limit;
    }
}
