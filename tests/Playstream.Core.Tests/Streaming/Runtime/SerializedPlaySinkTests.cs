using Playstream.Core.Events;
using Playstream.Core.Pipeline;
using Playstream.Core.Streaming.Runtime;

namespace Playstream.Core.Tests.Streaming.Runtime;

public sealed class SerializedPlaySinkTests
{
    /// <summary>A play sink that is not thread-safe, notes overlapping calls, and keeps what it was given.</summary>
    private sealed class SingleThreadedSink : IPlaySink
    {
        private int _inside;

        public List<(string Source, long Position, PlayEvent Play)> Plays { get; } = [];
        public int Overlaps { get; private set; }
        public int Flushes { get; private set; }
        public bool Disposed { get; private set; }

        public void Write(PlayBatch batch)
        {
            if (Interlocked.Increment(ref _inside) > 1)
                Overlaps++;
            for (var i = 0; i < batch.Count; i++)
            {
                Plays.Add((batch.Source, batch.Position(i), batch[i]));
                Thread.SpinWait(50);
            }
            Interlocked.Decrement(ref _inside);
        }

        public Task FlushAsync(CancellationToken cancellationToken = default)
        {
            Flushes++;
            return Task.CompletedTask;
        }

        public long PlaysWritten => Plays.Count;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Batches_written_from_many_threads_arrive_whole_and_none_is_lost()
    {
        const int threads = 5, batches = 60, perBatch = 40;
        var inner = new SingleThreadedSink();
        var sink = new SerializedPlaySink(inner);

        ConcurrentCalls.Run(threads, t =>
        {
            var batch = new PlayBatch(perBatch) { Source = $"plays/{t}" };
            for (var b = 0; b < batches; b++)
            {
                batch.Clear();
                for (var i = 0; i < perBatch; i++)
                    batch.Add(new PlayEvent(b * perBatch + i, t, i, 1_000 + b, false), "1"u8, b * perBatch + i);
                sink.Write(batch);
            }
        });
        await sink.FlushAsync();

        Assert.Equal(0, inner.Overlaps);
        Assert.Equal(threads * batches * perBatch, sink.PlaysWritten);
        foreach (var source in inner.Plays.GroupBy(p => p.Source))
        {
            // A batch's plays side by side, every batch of the source in the order written.
            Assert.Equal(Enumerable.Range(0, batches * perBatch).Select(i => (long)i), source.Select(p => p.Position));
            Assert.All(source, p => Assert.Equal(p.Position, p.Play.EventId));
            Assert.All(source, p => Assert.Equal($"plays/{p.Play.CustomerId}", p.Source));
        }
        Assert.Equal(threads, inner.Plays.Select(p => p.Source).Distinct().Count());
        Assert.Equal(1, inner.Flushes);
    }

    [Fact]
    public async Task Disposing_the_shared_view_leaves_the_sink_to_its_owner()
    {
        var inner = new SingleThreadedSink();

        await new SerializedPlaySink(inner).DisposeAsync();

        Assert.False(inner.Disposed);
    }
}
