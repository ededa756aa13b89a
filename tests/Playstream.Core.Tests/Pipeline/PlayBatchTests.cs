using Playstream.Core.Events;
using Playstream.Core.Pipeline;

namespace Playstream.Core.Tests.Pipeline;

public sealed class PlayBatchTests
{
    [Fact]
    public void Each_play_keeps_its_zip_bytes_and_position_past_the_first_arena_size()
    {
        var batch = new PlayBatch(capacity: 3); // 24 bytes of zips to start with
        var zips = new[] { "", "02134", new string('9', 40) };
        for (var i = 0; i < 3; i++)
            batch.Add(new PlayEvent(i, i, i, i, false), System.Text.Encoding.ASCII.GetBytes(zips[i]), position: 100 + i);

        Assert.True(batch.IsFull);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(zips[i], System.Text.Encoding.ASCII.GetString(batch.Zip(i)));
            Assert.Equal(100 + i, batch.Position(i));
            Assert.Equal(i, batch[i].EventId);
        }
        Assert.Equal([0L, 1L, 2L], batch.Plays.ToArray().Select(p => p.EventId));
    }

    [Fact]
    public void A_cleared_batch_starts_over()
    {
        var batch = new PlayBatch(2);
        batch.Add(new PlayEvent(1, 1, 1, 1, true), "123"u8);
        batch.Clear();
        batch.Add(new PlayEvent(2, 2, 2, 2, false), "9"u8, 7);

        Assert.Equal(1, batch.Count);
        Assert.Equal("9", System.Text.Encoding.ASCII.GetString(batch.Zip(0)));
        Assert.Equal(7, batch.Position(0));
    }
}
