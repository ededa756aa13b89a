using System.Text;
using Playstream.Core.Events;
using Playstream.Core.Pipeline;

namespace Playstream.TestSupport;

/// <summary>Copies each batch's plays out (source, position, play, zip text) and hands the batch back to the pool; safe for several writers.</summary>
public sealed class CollectingPlaySink(PlayBatchPool pool) : IPlaySink
{
    private readonly List<(string Source, long Position, PlayEvent Play, string Zip)> _plays = [];

    public IReadOnlyList<(string Source, long Position, PlayEvent Play, string Zip)> Plays
    {
        get
        {
            lock (_plays)
                return [.. _plays];
        }
    }

    public long PlaysWritten
    {
        get
        {
            lock (_plays)
                return _plays.Count;
        }
    }

    public void Write(PlayBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        lock (_plays)
            for (var i = 0; i < batch.Count; i++)
                _plays.Add((batch.Source, batch.Position(i), batch[i], Encoding.UTF8.GetString(batch.Zip(i))));
        pool.Return(batch);
    }

    public Task FlushAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
