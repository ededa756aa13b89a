namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// Sends records to the repartition topic. Records to one partition must arrive in the order
/// produced, resends included (one request in flight, retried without end): the customer stage
/// tells a resend from a new record by its source offset alone.
/// </summary>
public interface IRepartitionProducer
{
    /// <summary>Queues a record; may wait while the queue is full (backpressure).</summary>
    void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Waits until every record queued so far is acknowledged; throws when one cannot be delivered.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
