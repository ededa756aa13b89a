using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>
/// The repartition producer as tasks on several threads share it: one record handed over at a
/// time. A task sends a batch of lines per record, so the lock is taken a few times a turn, not
/// per play. Records of one task keep their order: a task runs on one thread at a time.
/// </summary>
internal sealed class SerializedRepartitionProducer(IRepartitionProducer inner) : IRepartitionProducer
{
    private readonly Lock _gate = new();

    public void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        lock (_gate)
            inner.Produce(partition, key, value);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
}
