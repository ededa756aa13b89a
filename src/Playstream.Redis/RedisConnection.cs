using System.Diagnostics;
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
    /// between tries. <paramref name="onRetry"/> hears of each failed try (try number, the wait
    /// before the next one or zero when giving up, and why). Returns whether the server answered.
    /// </summary>
    public static async Task<bool> WaitUntilReachableAsync(
        IConnectionMultiplexer redis, TimeSpan maxWait, Action<int, TimeSpan, string>? onRetry, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            string reason;
            // Without a connection a command sits in the client's backlog until its timeout, so
            // later tries ask the client first; the first try pings anyway, for its error's reason.
            if (attempt > 1 && !redis.IsConnected)
            {
                reason = "no connection could be made";
            }
            else
            {
                try
                {
                    await redis.GetDatabase().PingAsync().ConfigureAwait(false);
                    return true;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    reason = FailureReason(e.Message);
                }
            }
            var left = maxWait - clock.Elapsed;
            var wait = RetryBackoff.Delay(attempt);
            if (wait > left)
                wait = left > TimeSpan.Zero ? left : TimeSpan.Zero;
            onRetry?.Invoke(attempt, wait, reason);
            if (wait == TimeSpan.Zero)
                return false;
            await Task.Delay(wait, cancel).ConfigureAwait(false);
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
