using StackExchange.Redis;

namespace Playstream.Redis.Tests;

/// <summary>
/// A client connected to port 1 on this host, where nothing listens: a real client facing a
/// server that is down. A command waits in the client's backlog for its timeout (half a second
/// here) and fails; while the connection is down the client says so at once.
/// </summary>
internal static class NothingListening
{
    public static Task<ConnectionMultiplexer> ConnectAsync() =>
        RedisConnection.ConnectAsync(new RedisOptions
        {
            Endpoint = "127.0.0.1:1,syncTimeout=500,asyncTimeout=500",
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
        });
}
