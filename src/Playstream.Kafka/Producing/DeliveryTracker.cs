using Confluent.Kafka;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Produces through a librdkafka producer with backpressure and remembers the first failed
/// delivery, so that a flush reports it instead of the loss going unnoticed.
/// </summary>
internal sealed class DeliveryTracker(IProducer<byte[]?, byte[]> producer, string what)
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(100);
    private Error? _firstFailure;
    private long _delivered;

    public long Delivered => Interlocked.Read(ref _delivered);

    public void Produce(string topic, byte[]? key, byte[] value)
    {
        ThrowIfFailed();
        var message = new Message<byte[]?, byte[]> { Key = key, Value = value };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, OnDelivered);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: serve delivery reports until there is room. This is the backpressure.
                producer.Poll(QueueFullWait);
            }
        }
    }

    /// <summary>Waits until every record produced so far is acknowledged; throws the first failure.</summary>
    public void Flush(TimeSpan timeout)
    {
        var left = producer.Flush(timeout);
        ThrowIfFailed();
        if (left > 0)
            throw new KafkaException(new Error(ErrorCode.Local_TimedOut, $"{left} {what} still unacknowledged after {timeout.TotalSeconds:0} s"));
    }

    private void OnDelivered(DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
            Interlocked.CompareExchange(ref _firstFailure, report.Error, null);
        else
            Interlocked.Increment(ref _delivered);
    }

    private void ThrowIfFailed()
    {
        if (Volatile.Read(ref _firstFailure) is { } failure)
            throw new KafkaException(new Error(failure.Code, $"producing {what} failed: {failure.Reason}"));
    }
}
