using Playstream.Core.Engine;

namespace Playstream.Core.Tests.Engine;

public class FinalHorizonTests
{
    [Fact]
    public void The_slowest_partition_minus_the_lateness()
    {
        // Partitions at 10:00, 09:00 and 11:00 with an hour allowed: nothing before 08:00 can still come.
        Assert.Equal(28_800, FinalHorizon.Of([36_000L, 32_400L, 39_600L], 3, 3600));
    }

    [Fact]
    public void A_partition_without_plays_or_missing_from_the_view_holds_it_back()
    {
        Assert.Null(FinalHorizon.Of([36_000L, null, 39_600L], 3, 3600));
        Assert.Null(FinalHorizon.Of([36_000L, 39_600L], 3, 3600));
        Assert.Null(FinalHorizon.Of([], 0, 3600));
    }
}
