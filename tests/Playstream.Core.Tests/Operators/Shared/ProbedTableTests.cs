using Playstream.Core.Operators.Shared;

namespace Playstream.Core.Tests.Operators.Shared;

public sealed class ProbedTableTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 16)]
    public void A_new_table_has_the_length_asked_for_and_holds_only_zeros(int length)
    {
        var longs = ProbedTable.New<long>(length);
        var pairs = ProbedTable.New<(long Key, int Value)>(length);

        Assert.Equal(length, longs.Length);
        Assert.Equal(length, pairs.Length);
        Assert.True(longs.AsSpan().IndexOfAnyExcept(0L) < 0);
        Assert.All(pairs, p => Assert.Equal(default, p));
    }
}
