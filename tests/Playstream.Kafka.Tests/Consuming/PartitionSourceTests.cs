using Playstream.Kafka.Consuming;

namespace Playstream.Kafka.Tests.Consuming;

public sealed class PartitionSourceTests
{
    [Fact]
    public void A_partition_is_named_topic_slash_partition_as_batches_name_their_source()
    {
        Assert.Equal("realtime/2", PartitionSource.Of("realtime", 2));
        Assert.Equal("realtime/2", new PartitionRecords("realtime", 2, []).Source);
    }
}
