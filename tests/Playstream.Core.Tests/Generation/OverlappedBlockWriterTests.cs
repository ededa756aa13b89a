using Playstream.Core.Generation;

namespace Playstream.Core.Tests.Generation;

public sealed class OverlappedBlockWriterTests
{
    [Fact]
    public void Blocks_reach_the_stream_whole_and_in_order()
    {
        using var stream = new MemoryStream();
        var expected = new List<byte>();
        using (var writer = new OverlappedBlockWriter(stream, blockSize: 64))
        {
            for (var block = 0; block < 50; block++)
            {
                var count = 1 + block % 60;
                for (var i = 0; i < count; i++)
                {
                    writer.Block[writer.Used++] = (byte)(block + i);
                    expected.Add((byte)(block + i));
                }
                Assert.Equal(writer.Block.Length - count, writer.Free);
                writer.Hand();
            }
            writer.Block[writer.Used++] = 255;
            expected.Add(255);
            writer.Complete();
        }

        Assert.Equal(expected, stream.ToArray());
    }

    [Fact]
    public void A_failed_write_is_reported_by_the_next_hand_or_complete()
    {
        using var writer = new OverlappedBlockWriter(new FailingStream(), 16);
        writer.Used = 4;
        writer.Hand(); // the write runs in the background
        writer.Used = 1;
        Assert.Throws<IOException>(writer.Complete);
    }

    private sealed class FailingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("no space left on device");
    }
}
