using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Runtime;

namespace Playstream.Core.Tests.Streaming.Runtime;

public sealed class SerializedRepartitionProducerTests
{
    /// <summary>A producer that is not thread-safe, and notes it when two calls overlap.</summary>
    private sealed class SingleThreadedProducer : IRepartitionProducer
    {
        private int _inside;

        public List<(int Partition, byte[] Key, byte[] Value)> Records { get; } = [];
        public int Overlaps { get; private set; }
        public int Flushes { get; private set; }

        public void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
        {
            if (Interlocked.Increment(ref _inside) > 1)
                Overlaps++;
            // Copied a byte at a time, with a pause, so that an overlapping call would interleave.
            var k = new byte[key.Length];
            for (var i = 0; i < k.Length; i++)
                k[i] = key[i];
            Thread.SpinWait(200);
            var v = new byte[value.Length];
            for (var i = 0; i < v.Length; i++)
                v[i] = value[i];
            Records.Add((partition, k, v));
            Interlocked.Decrement(ref _inside);
        }

        public Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Records_produced_from_many_threads_arrive_whole_each_once_and_in_each_threads_order()
    {
        const int threads = 6, perThread = 2_000;
        var inner = new SingleThreadedProducer();
        var producer = new SerializedRepartitionProducer(inner);

        ConcurrentCalls.Run(threads, t =>
        {
            for (var i = 0; i < perThread; i++)
            {
                var value = Enumerable.Repeat((byte)t, 16 + i % 32).ToArray();
                producer.Produce(t, BitConverter.GetBytes(i), value);
            }
        });
        await producer.FlushAsync(CancellationToken.None);

        Assert.Equal(0, inner.Overlaps);
        Assert.Equal(threads * perThread, inner.Records.Count);
        foreach (var thread in inner.Records.GroupBy(r => r.Partition))
        {
            Assert.Equal(Enumerable.Range(0, perThread), thread.Select(r => BitConverter.ToInt32(r.Key)));
            Assert.All(thread, r => Assert.All(r.Value, b => Assert.Equal(thread.Key, b)));
            Assert.Equal(thread.Select(r => 16 + BitConverter.ToInt32(r.Key) % 32), thread.Select(r => r.Value.Length));
        }
        Assert.Equal(1, inner.Flushes);
    }
}
