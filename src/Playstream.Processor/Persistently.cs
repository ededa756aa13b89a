using Playstream.Redis;
using StackExchange.Redis;

namespace Playstream.Processor;

/// <summary>
/// Runs a write until it succeeds, waiting longer after each failure (1 s, 2 s, 4 s ... 30 s)
/// and saying so: a server that is down is waited for and reported, not crashed on. Offsets
/// are committed only after every write of a flush succeeded, so waiting loses nothing.
/// </summary>
internal static class Persistently
{
    public static async Task RunAsync(string what, Func<Task> write, Action<string> report, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await write().ConfigureAwait(false);
                if (attempt > 1)
                    report($"{what}: recovered after {attempt - 1} failed attempt(s)");
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt - 1, 5)));
                report($"{what} failed ({Reason(ex)}); retrying in {delay.TotalSeconds:0}s");
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Why a try failed, in a few words. The Redis client's messages run to a thousand characters
    /// and more on one line (its whole connection state), so they are cut down to their cause and
    /// say which server it was; every other message keeps its first line.
    /// </summary>
    internal static string Reason(Exception ex) => ex switch
    {
        RedisException or RedisTimeoutException => $"redis: {RedisConnection.FailureReason(ex.Message)}",
        _ => FirstLine(ex.Message),
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
