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
    /// between tries. <paramref name="onRetry"/> hears of each failed try (try number, wait, error).
    /// Returns whether the server answered.
    /// </summary>
    public static async Task<bool> WaitUntilReachableAsync(
        IConnectionMultiplexer redis, TimeSpan maxWait, Action<int, TimeSpan, Exception>? onRetry, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(redis);
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            cancel.ThrowIfCancellationRequested();
            try
            {
                await redis.GetDatabase().PingAsync().ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                var wait = RetryBackoff.Delay(attempt);
                var left = maxWait - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                    return false;
                if (wait > left)
                    wait = left;
                onRetry?.Invoke(attempt, wait, e);
                await Task.Delay(wait, cancel).ConfigureAwait(false);
            }
        }
    }
}
