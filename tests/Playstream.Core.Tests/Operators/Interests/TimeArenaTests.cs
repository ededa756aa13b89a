using Playstream.Core.Operators.Interests;

namespace Playstream.Core.Tests.Operators.Interests;

public sealed class TimeArenaTests
{
    [Fact]
    public void Runs_keep_their_times_while_others_grow_past_the_first_array()
    {
        var arena = new TimeArena();
        var runs = new List<(int Offset, int Capacity, long[] Times)>();
        for (var r = 0; r < 400; r++) // 400 runs of 4: more than the first 1024 slots
        {
            var offset = arena.Allocate(4);
            long[] times = [r, r + 1, r + 2, r + 3];
            times.CopyTo(arena.Run(offset, 4));
            runs.Add((offset, 4, times));
        }
        foreach (var (offset, capacity, times) in runs)
            Assert.Equal(times, arena.Run(offset, capacity).ToArray());
    }

    [Fact]
    public void A_grown_run_keeps_its_times_and_its_old_block_is_reused_for_its_size()
    {
        var arena = new TimeArena();
        var offset = arena.Allocate(4);
        long[] times = [7, 8, 9];
        times.CopyTo(arena.Run(offset, 3));

        var grown = arena.Grow(offset, 3, 4);

        Assert.NotEqual(offset, grown);
        Assert.Equal(times, arena.Run(grown, 3).ToArray());
        Assert.Equal(offset, arena.Allocate(4));   // the freed block of 4 comes back first
        Assert.NotEqual(offset, arena.Allocate(4)); // and only once
    }

    [Fact]
    public void Freed_blocks_of_one_size_come_back_last_freed_first_and_not_for_another_size()
    {
        var arena = new TimeArena();
        var a = arena.Allocate(8);
        var b = arena.Allocate(8);
        arena.Free(a, 8);
        arena.Free(b, 8);

        var sixteen = arena.Allocate(16);
        Assert.NotEqual(a, sixteen);
        Assert.NotEqual(b, sixteen);
        Assert.Equal(b, arena.Allocate(8));
        Assert.Equal(a, arena.Allocate(8));
    }
}
