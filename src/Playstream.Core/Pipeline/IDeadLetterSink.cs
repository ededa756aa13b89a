using Playstream.Core.Events;

namespace Playstream.Core.Pipeline;

/// <summary>Where dead letters go: the embedded store, a Kafka topic. Must be safe to call from several readers.</summary>
public interface IDeadLetterSink
{
    void Write(DeadLetter letter);
}
