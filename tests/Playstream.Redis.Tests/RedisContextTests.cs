using StackExchange.Redis;

namespace Playstream.Redis.Tests;

public class RedisContextTests
{
    [Fact]
    public void Only_plain_decimal_ids_are_read_from_a_set()
    {
        RedisValue[] members = ["5", "17", "x", "-3", " 4", "007", "", "2147483648"];
        Assert.Equal([5, 17, 7], RedisContext.ParseIds(members));
    }

    [Fact]
    public void Bad_arguments_are_named_as_every_connector_constructor_names_them()
    {
        // A client that never reaches a server: nothing listens on port 1, and it does not wait for one.
        using var redis = ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=200");
        Assert.Equal("redis", Assert.Throws<ArgumentNullException>(() => new RedisContext(null!, new RedisKeys(), 1)).ParamName);
        Assert.Equal("keys", Assert.Throws<ArgumentNullException>(() => new RedisContext(redis, null!, 1)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new RedisContext(redis, new RedisKeys(), 0)).ParamName);
        Assert.Equal("batchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new RedisResultsWriter(redis, new RedisKeys(), 0)).ParamName);
    }
}
