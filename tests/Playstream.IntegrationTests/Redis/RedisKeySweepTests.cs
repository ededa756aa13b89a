using Playstream.Redis;
using StackExchange.Redis;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisKeySweepTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    [Fact]
    public async Task Every_key_under_the_prefix_goes_and_no_other()
    {
        // More keys than one batch of the sweep, and a neighbour whose name only starts like the prefix.
        var neighbour = _prefix.TrimEnd(':') + "x:kept";
        var keys = Enumerable.Range(0, 2_500).Select(i => (RedisKey)$"{_prefix}k{i}").ToArray();
        foreach (var chunk in keys.Chunk(500))
            await redis.Db.StringSetAsync([.. chunk.Select(k => new KeyValuePair<RedisKey, RedisValue>(k, "1"))]);
        await redis.Db.StringSetAsync(neighbour, "1");
        try
        {
            var deleted = await RedisKeySweep.DeleteStartingWithAsync(redis.Connection, _prefix);

            Assert.Equal(keys.Length, deleted);
            Assert.Equal(0, await redis.Db.KeyExistsAsync(keys));
            Assert.True(await redis.Db.KeyExistsAsync(neighbour));
            Assert.Equal(0, await RedisKeySweep.DeleteStartingWithAsync(redis.Connection, _prefix));
        }
        finally
        {
            await redis.Db.KeyDeleteAsync(neighbour);
        }
    }
}
