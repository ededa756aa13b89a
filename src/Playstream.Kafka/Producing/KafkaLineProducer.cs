using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Playstream.Core.Events;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Sends raw event lines to a topic, keyed by customer_id (its decimal text), so that every line
/// of a customer lands in one partition and per-customer analytics are complete there. A line
/// whose customer_id cannot be read has no key (it still goes out: processing will dead-letter it).
/// Unkeyed, it sends every line without a key, as Logstash's plain codec or kcat do: the client
/// spreads them over the partitions, and processing repartitions them by customer.
/// Thread-safe.
/// </summary>
public sealed class KafkaLineProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly DeliveryTracker _deliveries;
    private readonly bool _keyed;

    public KafkaLineProducer(KafkaOptions options, string topic, LineProducerSettings? settings = null, bool keyed = true)
    {
        _keyed = keyed;
        ArgumentNullException.ThrowIfNull(options);
        Admin.TopicNames.Validate(topic);
        Topic = topic;
        var config = options.ToProducerConfig();
        (settings ?? LineProducerSettings.Default).ApplyTo(config, options.ExtraProperties);
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => ClientLogging.Forward(options, message))
            .SetErrorHandler((_, error) => options.Log?.Invoke($"kafka error: {error.Reason}"))
            .Build();
        _deliveries = new DeliveryTracker(_producer, "event lines");
    }

    public string Topic { get; }

    /// <summary>Lines the brokers have acknowledged.</summary>
    public long Delivered => _deliveries.Delivered;

    /// <summary>Queues one line (without its newline); blocks while the local queue is full.</summary>
    public void Produce(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\n')
            line = line[..^1];
        _deliveries.Produce(Topic, _keyed ? KeyOf(line) : null, line.ToArray());
    }

    public void Produce(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Produce(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Waits until every queued line is acknowledged.</summary>
    /// <exception cref="KafkaException">A line could not be delivered, or the timeout passed first.</exception>
    public void Flush(TimeSpan timeout) => _deliveries.Flush(timeout);

    /// <summary>The customer_id as decimal text, or null when the line has none readable.</summary>
    public static byte[]? KeyOf(ReadOnlySpan<byte> line) =>
        EventParser.TryReadCustomerId(line, out var customerId)
            ? Encoding.ASCII.GetBytes(customerId.ToString(CultureInfo.InvariantCulture))
            : null;

    public void Dispose() => _producer.Dispose();
}
