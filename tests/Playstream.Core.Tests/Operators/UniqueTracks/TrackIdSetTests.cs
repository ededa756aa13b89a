using Playstream.Core.Operators.UniqueTracks;

namespace Playstream.Core.Tests.Operators.UniqueTracks;

public sealed class TrackIdSetTests
{
    [Fact]
    public void Ids_small_large_and_past_the_bitset_come_back_once_each_ascending()
    {
        var set = new TrackIdSet();
        int[] ids = [5, 0, 63, 64, 1_000_000, TrackIdSet.DenseLimit + 3, TrackIdSet.DenseLimit - 1, 5, -4];

        var added = ids.Select(set.TryAdd).ToArray();

        Assert.Equal([true, true, true, true, true, true, true, false, true], added);
        Assert.Equal(ids.Distinct().Order(), set.ToSortedList());
        Assert.True(set.Contains(TrackIdSet.DenseLimit + 3));
        Assert.False(set.Contains(6) || set.Contains(65) || set.Contains(TrackIdSet.DenseLimit + 4) || set.Contains(int.MaxValue));
    }

    [Fact]
    public void A_union_holds_the_ids_of_both()
    {
        var random = new Random(6);
        var a = new TrackIdSet();
        var b = new TrackIdSet();
        var expected = new SortedSet<int>();
        for (var i = 0; i < 500; i++)
        {
            var id = random.Next(4) == 0 ? TrackIdSet.DenseLimit + random.Next(1000) : random.Next(100_000);
            (i % 2 == 0 ? a : b).Add(id);
            expected.Add(id);
        }

        a.UnionWith(b);

        Assert.Equal(expected, a.ToSortedList());
    }
}
