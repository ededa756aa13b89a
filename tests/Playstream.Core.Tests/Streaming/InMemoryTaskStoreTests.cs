using Playstream.Core.Streaming.Ports;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming;

/// <summary>The test driver's store keeps the contract the Redis store keeps (RedisTaskStoreTests run the same cases).</summary>
public sealed class InMemoryTaskStoreTests : TaskStoreContract
{
    protected override Task<ITaskStore> NewStoreAsync(int partitions) => Task.FromResult<ITaskStore>(new InMemoryTaskStore());
}
