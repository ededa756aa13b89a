using Playstream.Core.Pipeline;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>The play sink as tasks on several threads share it: one batch (thousands of plays) handed over at a time.</summary>
internal sealed class SerializedPlaySink(IPlaySink inner) : IPlaySink
{
    private readonly Lock _gate = new();

    public void Write(PlayBatch batch)
    {
        lock (_gate)
            inner.Write(batch);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public long PlaysWritten => inner.PlaysWritten;

    // The sink belongs to whoever made the ports; this view of it holds nothing of its own.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
