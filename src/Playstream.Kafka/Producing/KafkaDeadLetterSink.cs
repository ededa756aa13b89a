using System.Text;
using Confluent.Kafka;
using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Sends dead letters to a topic as JSON (see <see cref="DeadLetterJson"/>), keyed by their source
/// position (<c>topic/partition:offset</c>), so a replay rewrites the same keys. Thread-safe.
/// Flush before committing the offsets of the records that produced them.
/// </summary>
public sealed class KafkaDeadLetterSink : IDeadLetterSink, IDisposable
{
    private readonly IProducer<byte[]?, byte[]> _producer;
    private readonly DeliveryTracker _deliveries;
    private readonly bool _positionIsOffset;

    /// <param name="topic">The dead-letter topic, usually <c>Admin.TopicNames.DeadLetters(eventsTopic)</c>.</param>
    /// <param name="positionIsOffset">Whether positions are record offsets (Kafka sources) or line numbers (files).</param>
    public KafkaDeadLetterSink(KafkaOptions options, string topic, bool positionIsOffset = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        Admin.TopicNames.Validate(topic);
        Topic = topic;
        _positionIsOffset = positionIsOffset;
        var config = options.ToProducerConfig();
        // Few and small: no batching delay, and every one acknowledged by all in-sync replicas.
        config.LingerMs = 0;
        config.Acks = Acks.All;
        foreach (var (key, value) in options.ExtraProperties)
            config.Set(key, value);
        _producer = new ProducerBuilder<byte[]?, byte[]>(config)
            .SetLogHandler((_, message) => ClientLogging.Forward(options, message))
            .SetErrorHandler((_, error) => options.Log?.Invoke($"kafka error: {error.Reason}"))
            .Build();
        _deliveries = new DeliveryTracker(_producer, "dead letters");
    }

    public string Topic { get; }

    /// <summary>Dead letters the brokers have acknowledged.</summary>
    public long Delivered => _deliveries.Delivered;

    public void Write(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        _deliveries.Produce(Topic, Encoding.UTF8.GetBytes(letter.Position.ToString()), DeadLetterJson.Serialize(letter, _positionIsOffset));
    }

    /// <summary>Waits until every dead letter written so far is acknowledged.</summary>
    /// <exception cref="KafkaException">One could not be delivered, or the timeout passed first.</exception>
    public void Flush(TimeSpan timeout) => _deliveries.Flush(timeout);

    public void Dispose() => _producer.Dispose();
}
