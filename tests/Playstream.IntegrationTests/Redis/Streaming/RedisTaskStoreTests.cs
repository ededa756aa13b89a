using Playstream.Core.Streaming.Ports;
using Playstream.Redis;
using Playstream.Redis.Streaming;
using Playstream.TestSupport.Streaming;
using Xunit;

namespace Playstream.IntegrationTests.Redis.Streaming;

/// <summary>The Redis task store on the real server, held to the contract the test driver's store keeps.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisTaskStoreTests(RedisServer redis) : TaskStoreContract, IAsyncLifetime
{
    private readonly string _prefix = RedisServer.NewPrefix();

    protected override Task<ITaskStore> NewStoreAsync(int partitions) =>
        Task.FromResult<ITaskStore>(new RedisTaskStore(redis.Connection, new RedisKeys(_prefix), $"group-{Guid.NewGuid():N}:plays", partitions));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);
}
