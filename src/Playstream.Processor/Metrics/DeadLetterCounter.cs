using Playstream.Core.Events;
using Playstream.Core.Pipeline;

namespace Playstream.Processor.Metrics;

/// <summary>
/// Counts the dead letters on their way to the real sink, by reason. Every line the
/// processor rejects (late plays included) passes through its dead-letter sink, so this is
/// the one place that sees each reason without the processor knowing about metrics.
/// </summary>
internal sealed class DeadLetterCounter(IDeadLetterSink inner, ProcessorMetrics metrics) : IDeadLetterSink
{
    public void Write(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        metrics.CountDeadLetter(letter.Reason);
        inner.Write(letter);
    }
}
