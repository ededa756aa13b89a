using Confluent.Kafka;
using Playstream.Kafka.Configuration;
using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// Sends lines to a topic, keyed by customer_id, and acknowledges each in its file's window when
/// the brokers confirm it (acks=all by default). While Kafka is unreachable the client retries
/// without end and <see cref="Send"/> blocks once its queue is full: nothing is dropped.
/// </summary>
public sealed class KafkaLineSink : ILineSink
{
    private const int ReusedValueLengths = 4096;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly string _topic;
    private readonly Action<string>? _log;
    private readonly KeyCache _keys = new();
    // One array per line length, refilled for every line: the client copies the bytes during
    // Produce and (with no fields in delivery reports) keeps no reference, so reuse is safe.
    private readonly byte[]?[] _valueArrays = new byte[]?[ReusedValueLengths + 1];
    private readonly Message<byte[]?, byte[]> _message = new() { Value = [] };
    private long _acknowledged;
    private string? _failure;
    private string? _trouble;

    public KafkaLineSink(KafkaOptions options, string topic, ShipSettings? settings = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Playstream.Kafka.Admin.TopicNames.Validate(topic);
        _topic = topic;
        _log = log;
        var config = options.ToProducerConfig();
        (settings ?? ShipSettings.Default).ApplyTo(config, options.ExtraProperties);
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) =>
            {
                if (message.Level <= SyslogLevel.Warning)
                    log?.Invoke($"kafka {message.Level.ToString().ToLowerInvariant()}: {message.Facility}: {message.Message}");
            })
            .SetErrorHandler((_, error) => OnError(error))
            .Build();
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public string? Failure => Volatile.Read(ref _failure);

    public string? Trouble => Volatile.Read(ref _trouble);

    public bool Send(ReadOnlySpan<byte> line, string path, long offset, AckWindow window, int slot, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(window);
        var handlers = window.SinkState as DeliveryHandlers ?? (DeliveryHandlers)(window.SinkState = new DeliveryHandlers(this, window));
        _message.Key = _keys.KeyOf(line);
        _message.Value = ValueArray(line);
        while (true)
        {
            try
            {
                _producer.Produce(_topic, _message, handlers.For(slot));
                return true;
            }
            catch (ProduceException<byte[]?, byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                // The bound on data in flight: wait for acknowledgements to make room.
                if (stop.WaitHandle.WaitOne(2) || Failure is not null)
                    return false;
            }
        }
    }

    public bool Flush(TimeSpan timeout) => _producer.Flush(timeout) == 0;

    public void Dispose() => _producer.Dispose();

    private byte[] ValueArray(ReadOnlySpan<byte> line)
    {
        if (line.Length > ReusedValueLengths)
            return line.ToArray();
        var array = _valueArrays[line.Length] ??= new byte[line.Length];
        line.CopyTo(array);
        return array;
    }

    private void OnDelivered(AckWindow window, int slot, DeliveryReport<byte[]?, byte[]> report)
    {
        if (report.Error.IsError)
        {
            // The message timeout is infinite, so this is not Kafka being away: it will not get better by waiting.
            Interlocked.CompareExchange(ref _failure, $"a line could not be delivered to {_topic}: {report.Error.Reason} ({report.Error.Code})", null);
            return;
        }
        window.Acknowledge(slot);
        Interlocked.Increment(ref _acknowledged);
        if (Volatile.Read(ref _trouble) is not null && Interlocked.Exchange(ref _trouble, null) is not null)
            _log?.Invoke("kafka: reachable again, delivering");
    }

    private void OnError(Error error)
    {
        if (error.IsFatal)
        {
            Interlocked.CompareExchange(ref _failure, $"kafka: {error.Reason}", null);
            return;
        }
        // Transport errors, brokers down, timeouts: the client retries by itself; say so once.
        var text = $"kafka unreachable ({error.Reason}); holding lines and retrying";
        if (Interlocked.Exchange(ref _trouble, text) is null)
            _log?.Invoke(text);
    }

    /// <summary>One cached delivery callback per slot of a window, so sending a line allocates no closure.</summary>
    private sealed class DeliveryHandlers(KafkaLineSink sink, AckWindow window)
    {
        private readonly Action<DeliveryReport<byte[]?, byte[]>>?[] _handlers = new Action<DeliveryReport<byte[]?, byte[]>>?[window.Capacity];

        public Action<DeliveryReport<byte[]?, byte[]>> For(int slot) =>
            _handlers[slot] ??= report => sink.OnDelivered(window, slot, report);
    }
}
