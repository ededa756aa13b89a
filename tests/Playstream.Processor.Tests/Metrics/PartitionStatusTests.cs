using Playstream.Processor.Metrics;

namespace Playstream.Processor.Tests.Metrics;

public sealed class PartitionStatusTests
{
    [Fact]
    public void The_lag_is_what_lies_past_the_committed_offset_or_the_whole_partition_when_none_is()
    {
        Assert.Equal(30, new PartitionStatus(0, Committed: 70, LowWatermark: 10, HighWatermark: 100, null, null).Lag);
        Assert.Equal(90, new PartitionStatus(0, Committed: null, LowWatermark: 10, HighWatermark: 100, null, null).Lag);
    }
}
