using Confluent.Kafka;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;
using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// Sends lines to a topic through <see cref="KafkaBatchProducer"/>, keyed by customer_id and source
/// position (<see cref="ShippedLineKey"/>), partitioned by the customer_id alone (the producer's
/// <see cref="CustomerPartitioner"/>), and acknowledges each in its file's window when the brokers
/// confirm it (acks=all by default). While Kafka is unreachable, <see cref="Send"/> blocks once the
/// bound on data in flight is reached: nothing is dropped.
/// </summary>
public sealed class KafkaLineSink : ILineSink, IDeliveryReceiver
{
    /// <summary>
    /// The shipper's producer settings. It waits longer than other senders to fill batches (50 ms:
    /// with one request in flight per broker, batch size is what sets throughput) and does not
    /// compress: on two cores next to the broker, lz4 more than doubled the time to ship (a 0.9
    /// broker also recompresses). Across a network to a current broker, <c>--compression lz4</c>
    /// is usually worth it.
    /// </summary>
    public static ProducerSettings DefaultSettings { get; } = new() { LingerMs = 50, Compression = CompressionType.None };

    private readonly KafkaBatchProducer _producer;
    private readonly CustomerKeys _customers = new();
    private readonly Lock _windowsGate = new();
    private AckWindow[] _windows = []; // by id; replaced, never changed, when a window joins: read without a lock
    private byte[] _sourcePart = [];
    private ulong _sourceId;
    private long _acknowledged;

    public KafkaLineSink(KafkaOptions options, string topic, ProducerSettings? settings = null)
    {
        _producer = new KafkaBatchProducer(options, topic, settings ?? DefaultSettings, "lines", this);
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public string? Failure => _producer.Failure;

    public string? Trouble => _producer.Trouble;

    public bool Send(ReadOnlySpan<byte> line, string path, ulong sourceId, long offset, AckWindow window, int slot, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (_sourcePart.Length == 0 || sourceId != _sourceId)
        {
            // Lines come in runs from one file: its "@SOURCE:" is made once per run.
            _sourcePart = ShippedLineKey.SourcePart(sourceId);
            _sourceId = sourceId;
        }
        Span<byte> key = stackalloc byte[ShippedLineKey.MaxLength];
        var keyLength = ShippedLineKey.Write(key, _customers.Of(line), _sourcePart, offset);
        return _producer.Send(key[..keyLength], line, KafkaBatchProducer.AnyPartition, Token(window, slot), stop);
    }

    public void Push() => _producer.Push();

    public bool Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Acknowledges the delivered lines in their windows, a run of one window's lines under one lock.</summary>
    public void Delivered(ReadOnlySpan<long> tokens)
    {
        Span<int> slots = stackalloc int[1024];
        var windows = Volatile.Read(ref _windows);
        var run = -1;
        var count = 0;
        foreach (var token in tokens)
        {
            var id = (int)(token >> 32);
            if (id != run || count == slots.Length)
            {
                if (count > 0)
                    windows[run].Acknowledge(slots[..count]);
                run = id;
                count = 0;
            }
            slots[count++] = (int)(uint)token;
        }
        if (count > 0)
            windows[run].Acknowledge(slots[..count]);
        Interlocked.Add(ref _acknowledged, tokens.Length);
    }

    public void Dispose() => _producer.Dispose();

    private long Token(AckWindow window, int slot)
    {
        if (window.SinkState is not int id)
        {
            lock (_windowsGate)
            {
                id = _windows.Length;
                Volatile.Write(ref _windows, [.. _windows, window]);
            }
            window.SinkState = id;
        }
        return ((long)id << 32) | (uint)slot; // the window id in the high half
    }
}
