using Playstream.Core.Events;
using Playstream.Core.Pipeline;

namespace Playstream.Core.Tests.Pipeline;

public sealed class PlayBatchPoolTests
{
    [Fact]
    public void The_pool_hands_back_returned_batches_cleared()
    {
        var pool = new PlayBatchPool(batchCapacity: 4);
        var batch = pool.Rent();
        Assert.Equal(4, batch.Capacity);
        batch.Add(new PlayEvent(1, 1, 1, 1, true), "1"u8);
        pool.Return(batch);

        var again = pool.Rent();
        Assert.Same(batch, again);
        Assert.Equal(0, again.Count);
        Assert.NotSame(again, pool.Rent());
    }
}
