using System.Text;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Deletes every key under a prefix: a SCAN of the whole keyspace, so for clean-ups (benchmark
/// runs, tests), never for the pipeline, which knows its keys.
/// </summary>
public static class RedisKeySweep
{
    private const int Batch = 1000;

    /// <summary>Deletes the keys of the connection's default database that start with <paramref name="prefix"/>; returns how many went.</summary>
    public static async Task<long> DeleteStartingWithAsync(IConnectionMultiplexer connection, string prefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var db = connection.GetDatabase();
        long deleted = 0;
        foreach (var server in connection.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var keys = new List<RedisKey>(Batch);
            await foreach (var key in server.KeysAsync(db.Database, Pattern(prefix), pageSize: Batch).ConfigureAwait(false))
            {
                keys.Add(key);
                if (keys.Count == Batch)
                {
                    deleted += await db.KeyDeleteAsync([.. keys]).ConfigureAwait(false);
                    keys.Clear();
                }
            }
            if (keys.Count > 0)
                deleted += await db.KeyDeleteAsync([.. keys]).ConfigureAwait(false);
        }
        return deleted;
    }

    /// <summary>The glob that matches exactly the keys starting with <paramref name="prefix"/>: its own glob characters taken literally.</summary>
    internal static string Pattern(string prefix)
    {
        var pattern = new StringBuilder(prefix.Length + 2);
        foreach (var c in prefix)
        {
            if (c is '*' or '?' or '[' or ']' or '\\')
                pattern.Append('\\');
            pattern.Append(c);
        }
        return pattern.Append('*').ToString();
    }
}
