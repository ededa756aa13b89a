using Playstream.Core.Resilience;
using Polly.Timeout;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>Opening a connection, and waiting (bounded) for a server that is not up yet.</summary>
public static class RedisConnection
{
    /// <summary>Connects; a server that is down does not fail this (the client keeps retrying in the background).</summary>
    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return await ConnectionMultiplexer.ConnectAsync(options.ToConfigurationOptions()).ConfigureAwait(false);
    }

    /// <summary>
    /// Pings until the server answers or <paramref name="maxWait"/> has passed, backing off
    /// between tries (<see cref="Backoff"/>: 1 s, 2 s, 4 s ...). <paramref name="onRetry"/> hears
    /// of each failed try once: its number, the wait before the next one (zero when the time ran
    /// out during the try), and why. Returns whether the server answered.
    /// </summary>
    public static async Task<bool> WaitUntilReachableAsync(
        IConnectionMultiplexer redis, TimeSpan maxWait, Action<int, TimeSpan, string>? onRetry, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(redis);
        // No time to wait is one try; a time is kept within what a backoff can bound.
        var backoff = maxWait <= TimeSpan.Zero
            ? new Backoff { Attempts = 1 }
            : new Backoff { Within = TimeSpan.FromTicks(Math.Clamp(maxWait.Ticks, Backoff.ShortestWithin.Ticks, Backoff.LongestWait.Ticks)) };
        // A failed try's result is its reason: the pipeline tries again while there is one.
        var pipeline = backoff.Pipeline<string?>(
            outcome => outcome.Result is not null,
            args =>
            {
                onRetry?.Invoke(args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Result!);
                return default;
            });
        var tries = 0;
        try
        {
            var reason = await pipeline.ExecuteAsync(_ => new ValueTask<string?>(TryPingAsync(redis, ++tries)), cancel).ConfigureAwait(false);
            if (reason is null)
                return true;
            // The time ran out while the last try was under way (or there was time for one only).
            onRetry?.Invoke(tries, TimeSpan.Zero, reason);
            return false;
        }
        catch (TimeoutRejectedException)
        {
            // The time ran out during a wait, after the last try was reported.
            return false;
        }
    }

    /// <summary>Null when the server answered a ping, else why not.</summary>
    private static async Task<string?> TryPingAsync(IConnectionMultiplexer redis, int attempt)
    {
        // Without a connection a command sits in the client's backlog until its timeout, so
        // later tries ask the client first; the first try pings anyway, for its error's reason.
        if (attempt > 1 && !redis.IsConnected)
            return "no connection could be made";
        try
        {
            await redis.GetDatabase().PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return FailureReason(e.Message);
        }
    }

    /// <summary>
    /// A short reason from the client's long error text (one line of a thousand characters and
    /// more): a wrong password is told apart from a server that is down or went away.
    /// </summary>
    public static string FailureReason(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contains("authentication failure", StringComparison.OrdinalIgnoreCase)
            || message.Contains("WRONGPASS", StringComparison.Ordinal)
            || message.Contains("NOAUTH", StringComparison.Ordinal))
            return "authentication failed: check the password";
        if (message.Contains("UnableToConnect", StringComparison.Ordinal))
            return "no connection could be made";
        // The client's own words for a connection that was up and broke (the server crashed or was stopped).
        if (message.Contains("SocketClosed", StringComparison.Ordinal)
            || message.Contains("SocketFailure", StringComparison.Ordinal))
            return "the connection was lost";
        if (message.Contains("no connection", StringComparison.OrdinalIgnoreCase))
            return "no connection could be made";
        var firstLine = message.Split('\n')[0].Trim();
        return firstLine.Length > 200 ? firstLine[..200] + "..." : firstLine;
    }
}
