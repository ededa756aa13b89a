using Playstream.Processor;

namespace Playstream.Processor.Tests;

public sealed class ProcessorSummaryTests
{
    [Fact]
    public void The_rate_is_records_per_second_and_zero_for_no_time()
    {
        Assert.Equal(250, new ProcessorSummary(1000, 900, 0, 0, 0, 1, TimeSpan.FromSeconds(4), false).RecordsPerSecond);
        Assert.Equal(0, new ProcessorSummary(1000, 900, 0, 0, 0, 1, TimeSpan.Zero, false).RecordsPerSecond);
    }
}
