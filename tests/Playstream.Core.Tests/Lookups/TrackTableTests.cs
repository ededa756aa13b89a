using Playstream.Core.Lookups;

namespace Playstream.Core.Tests.Lookups;

public sealed class TrackTableTests
{
    [Fact]
    public void Dense_and_sparse_ids_are_found_and_counted_once_each()
    {
        var table = new TrackTable();
        var sparse = TrackTable.DenseLimit + 1;
        table.Set(new Track(3, "a", "x", 100));
        table.Set(new Track(sparse, "b", "y", 200));
        table.Set(new Track(3, "c", "z", 300));

        Assert.Equal(2, table.Count);
        Assert.Equal("c", table.Get(3)!.Title);
        Assert.Equal("b", table.Get(sparse)!.Title);
        Assert.True(table.Contains(3) && table.Contains(sparse));
        Assert.False(table.Contains(2) || table.Contains(-5) || table.Contains(sparse + 1));
        Assert.Null(table.Get(2));
        Assert.Equal([3, sparse], table.All().Select(t => t.Id));
    }

    [Fact]
    public void A_negative_id_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrackTable().Set(new Track(-1, "a", "b", 1)));
}
