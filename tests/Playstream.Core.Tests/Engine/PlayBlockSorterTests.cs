using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;

namespace Playstream.Core.Tests.Engine;

public sealed class PlayBlockSorterTests
{
    private static PlayBlock Block(IEnumerable<(int Customer, int Track, long Time)> plays)
    {
        var list = plays.ToList();
        var block = new PlayBlock(Math.Max(1, list.Count));
        foreach (var (customer, track, time) in list)
            block.Add(new PlayEvent(0, customer, track, time, false), [], LookupTables.Empty());
        return block;
    }

    [Fact]
    public void Plays_come_out_by_pane_keeping_their_order_inside_a_pane()
    {
        var random = new Random(4);
        var input = Enumerable.Range(0, 500).Select(i => (Customer: i, Track: 1, Time: 1_000_000L + random.Next(20 * 300))).ToList();
        var block = Block(input);

        new PlayBlockSorter().SortByPane(block, 300);

        // A stable sort by pane, written out: the same plays, panes ascending, input order within a pane.
        var expected = input.OrderBy(p => p.Time / 300).Select(p => (p.Customer, p.Time)).ToList();
        Assert.Equal(expected, block.Plays.ToArray().Select(p => (p.CustomerId, p.Time)).ToList());
    }

    [Fact]
    public void A_block_spanning_too_many_panes_for_counting_is_sorted_by_time()
    {
        var far = (long)PlayBlockSorter.MaxCountingRange * 300 * 2;
        var block = Block([(1, 1, far), (2, 1, 5), (3, 1, far / 2), (4, 1, -far)]);

        new PlayBlockSorter().SortByPane(block, 300);

        Assert.Equal([-far, 5, far / 2, far], block.Plays.ToArray().Select(p => p.Time));
    }

    [Fact]
    public void Pairs_come_out_with_every_plays_key_and_time_and_the_same_keys_together()
    {
        var random = new Random(9);
        var input = Enumerable.Range(0, 400).Select(_ => (Customer: random.Next(30), Track: random.Next(10), Time: (long)random.Next(100_000))).ToList();
        var block = Block(input);

        var pairs = new PlayBlockSorter().PairsInTableOrder(block).ToArray();

        Assert.Equal(
            input.Select(p => (PairTime.Pack(p.Customer, p.Track), p.Time)).Order(),
            pairs.Select(p => (p.Key, p.Time)).Order());
        // Equal keys share a bucket, so each key's times are one contiguous stretch.
        var seen = new HashSet<long>();
        for (var i = 0; i < pairs.Length; i++)
            if (i == 0 || pairs[i].Key != pairs[i - 1].Key)
                Assert.True(seen.Add(pairs[i].Key), $"key {pairs[i].Key} appears in two stretches");
    }
}
