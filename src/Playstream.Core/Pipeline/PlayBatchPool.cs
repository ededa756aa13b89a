using System.Collections.Concurrent;

namespace Playstream.Core.Pipeline;

/// <summary>Recycles <see cref="PlayBatch"/>es between readers and sinks so steady state allocates none.</summary>
public sealed class PlayBatchPool
{
    private readonly ConcurrentBag<PlayBatch> _free = [];
    private readonly int _capacity;

    public PlayBatchPool(int batchCapacity = 8192) => _capacity = batchCapacity;

    public PlayBatch Rent() => _free.TryTake(out var batch) ? batch : new PlayBatch(_capacity);

    public void Return(PlayBatch batch)
    {
        batch.Clear();
        _free.Add(batch);
    }
}
