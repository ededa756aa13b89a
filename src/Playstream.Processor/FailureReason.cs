using Playstream.Redis;
using StackExchange.Redis;

namespace Playstream.Processor;

/// <summary>
/// Why a call failed, in a few words. The Redis client's messages run to a thousand characters
/// and more on one line (its whole connection state), so they are cut down to their cause and
/// say which server it was; every other message keeps its first line.
/// </summary>
public static class FailureReason
{
    public static string Of(Exception ex) => ex switch
    {
        null => throw new ArgumentNullException(nameof(ex)),
        RedisException or RedisTimeoutException => $"redis: {RedisConnection.FailureReason(ex.Message)}",
        _ => FirstLine(ex.Message),
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
