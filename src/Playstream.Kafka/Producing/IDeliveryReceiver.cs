namespace Playstream.Kafka.Producing;

/// <summary>What a sender of <see cref="KafkaBatchProducer"/> does when its records are delivered.</summary>
public interface IDeliveryReceiver
{
    /// <summary>
    /// Records the brokers acknowledged, by the tokens they were sent with, in the order the reports
    /// came. Called on the thread that served the reports (the sending thread, or the producer's own
    /// while nothing is sent), possibly on two threads at once; never for a record that failed.
    /// </summary>
    void Delivered(ReadOnlySpan<long> tokens);
}
