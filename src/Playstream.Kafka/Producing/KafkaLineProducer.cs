using System.Buffers.Text;
using System.Text;
using Confluent.Kafka;
using Playstream.Core.Events;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Sends raw event lines to a topic through <see cref="KafkaBatchProducer"/>, keyed by customer_id
/// (its decimal text), so that every line of a customer lands in one partition and per-customer
/// analytics are complete there. A line whose customer_id cannot be read has no key (it still goes
/// out: processing will dead-letter it). Unkeyed, it sends every line without a key, as Logstash's
/// plain codec or kcat do: the client spreads them over the partitions, and processing repartitions
/// them by customer. Thread-safe.
/// </summary>
public sealed class KafkaLineProducer : IDisposable
{
    private readonly KafkaBatchProducer _producer;
    private readonly Lock _gate = new();
    private readonly bool _keyed;

    public KafkaLineProducer(KafkaOptions options, string topic, ProducerSettings? settings = null, bool keyed = true)
    {
        _keyed = keyed;
        _producer = new KafkaBatchProducer(options, topic, settings ?? new ProducerSettings(), "event lines");
    }

    public string Topic => _producer.Topic;

    /// <summary>Lines the brokers have acknowledged.</summary>
    public long Delivered => _producer.Delivered;

    /// <summary>Sends one line at once (a <c>\n</c> at its end is dropped); blocks while the bound on lines in flight is reached.</summary>
    /// <exception cref="KafkaException">A line could not be delivered.</exception>
    public void Produce(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n')
            line = line[..^1];
        Span<byte> key = stackalloc byte[11];
        var keyLength = _keyed ? WriteKey(line, key) : 0;
        lock (_gate)
            _producer.SendNowOrThrow(key[..keyLength], line);
    }

    public void Produce(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Produce(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Waits until every queued line is acknowledged.</summary>
    /// <exception cref="KafkaException">A line could not be delivered, or the timeout passed first.</exception>
    public void Flush(TimeSpan timeout)
    {
        lock (_gate)
            _producer.FlushOrThrow(timeout);
    }

    /// <summary>The customer_id as decimal text, or null when the line has none readable.</summary>
    public static byte[]? KeyOf(ReadOnlySpan<byte> line)
    {
        Span<byte> key = stackalloc byte[11];
        var length = WriteKey(line, key);
        return length == 0 ? null : key[..length].ToArray();
    }

    private static int WriteKey(ReadOnlySpan<byte> line, Span<byte> key) =>
        EventParser.TryReadCustomerId(line, out var customerId) && Utf8Formatter.TryFormat(customerId, key, out var written) ? written : 0;

    public void Dispose() => _producer.Dispose();
}
