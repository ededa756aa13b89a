using Playstream.Core.Streaming.Ports;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;

namespace Playstream.Kafka.Streaming;

/// <summary>
/// Sends plays to the repartition topic through <see cref="KafkaBatchProducer"/>, each batch to the
/// partition of its customers. Records to one partition must arrive in the order sent, resends
/// included, for the customer stage to tell a resend from a new record by its source offset: the
/// producer keeps one request in flight per broker and retries without end (a record never times
/// out; a broker that is down is waited for).
/// </summary>
public sealed class KafkaRepartitionProducer : IRepartitionProducer, IDisposable
{
    /// <summary>Records of several lines each: a short linger, and a deep queue so that a burst of partitions never waits.</summary>
    private static readonly ProducerSettings Settings = new() { LingerMs = 5, Compression = Confluent.Kafka.CompressionType.None, MaxQueuedRecords = 500_000, MaxQueuedKBytes = 256 * 1024 };

    private readonly KafkaBatchProducer _producer;

    public KafkaRepartitionProducer(KafkaOptions options, string topic)
    {
        _producer = new KafkaBatchProducer(options, topic, Settings, "plays to repartition");
    }

    public long Delivered => _producer.Delivered;

    public void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        if (!_producer.Send(key, value, partition, 0, CancellationToken.None))
            throw Failed();
        // Each record carries a batch of lines already: it goes at once, not held until a flush.
        _producer.Push();
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (!await Task.Run(() => _producer.Flush(TimeSpan.FromMilliseconds(200)), cancellationToken).ConfigureAwait(false))
        {
            if (_producer.Failure is not null)
                throw Failed();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    // With retries without end only an error that no retry can mend (a record too large, the topic gone) gets here:
    // going on would leave a gap the customer stage could not see, so the member stops.
    private Core.Resilience.NotRetryableException Failed() =>
        new($"sending to {_producer.Topic} failed for good ({_producer.Failure}); stopping, so that nothing after it is taken");

    public void Dispose() => _producer.Dispose();
}
