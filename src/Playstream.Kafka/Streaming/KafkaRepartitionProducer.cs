using Confluent.Kafka;
using Playstream.Core.Streaming.Ports;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Streaming;

/// <summary>
/// Sends plays to the repartition topic, each to the partition of its customer. Records to one
/// partition must arrive in the order sent, resends included, for the customer stage to tell a
/// resend from a new record by its source offset: so one request in flight per broker, and
/// retries without end (a message never times out; a broker that is down is waited for).
/// </summary>
public sealed class KafkaRepartitionProducer : IRepartitionProducer, IDisposable
{
    private static readonly TimeSpan QueueFullWait = TimeSpan.FromMilliseconds(50);
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
    private Error? _failure;
    private long _produced;
    private long _delivered;

    public KafkaRepartitionProducer(KafkaOptions options, string topic)
    {
        ArgumentNullException.ThrowIfNull(options);
        _topic = topic;
        var config = options.ToProducerConfig();
        config.Acks = Acks.All;
        config.MaxInFlight = 1;
        config.MessageTimeoutMs = 0;
        config.LingerMs = 5;
        config.BatchNumMessages = 10_000;
        config.QueueBufferingMaxMessages = 500_000;
        config.EnableIdempotence = false;
        foreach (var (key, value) in options.ExtraProperties)
            config.Set(key, value);
        _producer = new ProducerBuilder<byte[], byte[]>(config)
            .SetLogHandler((_, message) => ClientLogging.Forward(options, message))
            .SetErrorHandler((_, error) => options.Log?.Invoke($"kafka error: {error.Reason}"))
            .Build();
        _onDelivered = OnDelivered;
    }

    public long Delivered => Interlocked.Read(ref _delivered);

    public void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ThrowIfFailed();
        var message = new Message<byte[], byte[]> { Key = key.ToArray(), Value = value.ToArray() };
        var target = new TopicPartition(_topic, partition);
        while (true)
        {
            try
            {
                _producer.Produce(target, message, _onDelivered);
                _produced++;
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The local queue is full: serve delivery reports until there is room (backpressure).
                _producer.Poll(QueueFullWait);
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _delivered) < _produced)
        {
            ThrowIfFailed();
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Run(() => _producer.Flush(TimeSpan.FromMilliseconds(200)), cancellationToken).ConfigureAwait(false);
        }
        ThrowIfFailed();
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
            Interlocked.CompareExchange(ref _failure, report.Error, null);
        else
            Interlocked.Increment(ref _delivered);
    }

    private void ThrowIfFailed()
    {
        // With retries without end only an error that no retry can mend (a record too large, the topic gone) gets here:
        // going on would leave a gap the customer stage could not see, so the member stops.
        if (Volatile.Read(ref _failure) is { } failure)
            throw new Core.Resilience.NotRetryableException($"sending to {_topic} failed for good ({failure.Reason}); stopping, so that nothing after it is taken");
    }

    public void Dispose() => _producer.Dispose();
}
