using System.Text;
using Confluent.Kafka;
using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Sends dead letters to a topic as JSON (see <see cref="DeadLetterJson"/>) through
/// <see cref="KafkaBatchProducer"/>, keyed by their source position (<c>topic/partition:offset</c>),
/// so a replay rewrites the same keys. Thread-safe. Flush before committing the offsets of the
/// records that produced them.
/// </summary>
public sealed class KafkaDeadLetterSink : IDeadLetterSink, IDisposable
{
    /// <summary>Few and small: no batching delay, and every one acknowledged by all in-sync replicas.</summary>
    private static readonly ProducerSettings Settings = new() { LingerMs = 0, Acks = Acks.All, Compression = CompressionType.None };

    private readonly KafkaBatchProducer _producer;
    private readonly Lock _gate = new();
    private readonly bool _positionIsOffset;

    /// <param name="topic">The dead-letter topic, usually <c>Admin.TopicNames.DeadLetters(eventsTopic)</c>.</param>
    /// <param name="positionIsOffset">Whether positions are record offsets (Kafka sources) or line numbers (files).</param>
    public KafkaDeadLetterSink(KafkaOptions options, string topic, bool positionIsOffset = true)
    {
        _positionIsOffset = positionIsOffset;
        _producer = new KafkaBatchProducer(options, topic, Settings, "dead letters");
    }

    public string Topic => _producer.Topic;

    /// <summary>Dead letters the brokers have acknowledged.</summary>
    public long Delivered => _producer.Delivered;

    /// <exception cref="KafkaException">An earlier dead letter could not be delivered.</exception>
    public void Write(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var key = Encoding.UTF8.GetBytes(letter.Position.ToString());
        var value = DeadLetterJson.Serialize(letter, _positionIsOffset);
        lock (_gate)
            _producer.SendNowOrThrow(key, value);
    }

    /// <summary>Waits until every dead letter written so far is acknowledged.</summary>
    /// <exception cref="KafkaException">One could not be delivered, or the timeout passed first.</exception>
    public void Flush(TimeSpan timeout)
    {
        lock (_gate)
            _producer.FlushOrThrow(timeout);
    }

    public void Dispose() => _producer.Dispose();
}
