using Playstream.Core.Events;
using Playstream.Core.Pipeline;

namespace Playstream.Kafka.Tests.Processing;

/// <summary>Keeps every dead letter written, in order.</summary>
internal sealed class CollectingDeadLetterSink : IDeadLetterSink
{
    public List<DeadLetter> Letters { get; } = [];

    public void Write(DeadLetter letter) => Letters.Add(letter);
}

/// <summary>Copies each batch's plays out (source, play, zip text) and hands the batch back to the pool.</summary>
internal sealed class CollectingPlaySink(PlayBatchPool pool) : IPlaySink
{
    public List<(string Source, PlayEvent Play, string Zip)> Plays { get; } = [];
    public List<int> BatchSizes { get; } = [];

    public long PlaysWritten => Plays.Count;

    public void Write(PlayBatch batch)
    {
        BatchSizes.Add(batch.Count);
        for (var i = 0; i < batch.Count; i++)
            Plays.Add((batch.Source, batch[i], System.Text.Encoding.UTF8.GetString(batch.Zip(i))));
        pool.Return(batch);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
