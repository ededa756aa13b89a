using System.Globalization;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// What every Redis reader and writer here works with, from the constructor arguments they all
/// take (checked once, here): the database, the key names, and how many commands go out before
/// their replies are awaited. Also the id sets they all read.
/// </summary>
internal sealed class RedisContext
{
    public RedisContext(IConnectionMultiplexer redis, RedisKeys keys, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        Db = redis.GetDatabase();
        Keys = keys;
        BatchSize = batchSize;
    }

    public IDatabase Db { get; }
    public RedisKeys Keys { get; }
    public int BatchSize { get; }

    /// <summary>A pipeline that awaits replies <see cref="BatchSize"/> commands at a time.</summary>
    public CommandPipeline NewPipeline() => new(BatchSize);

    /// <summary>The ids in a set of ids (customers, tracks, profiles ...), in the set's order.</summary>
    public async Task<List<int>> ReadIdsAsync(RedisKey setKey) =>
        [.. ParseIds(await Db.SetMembersAsync(setKey).ConfigureAwait(false))];

    /// <summary>The members that are plain decimal ids; anything else (not written by Playstream) is skipped.</summary>
    public static IEnumerable<int> ParseIds(RedisValue[] members)
    {
        foreach (var m in members)
            if (int.TryParse((string?)m, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                yield return id;
    }
}
