using Playstream.Kafka.Consuming;

namespace Playstream.IntegrationTests.Kafka;

internal static class GroupReading
{
    /// <summary>Idle this long with every partition caught up means the topic is drained.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromSeconds(1);

    /// <summary>A guard against a hang, not a performance bound: joining a group takes a few seconds.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    /// <summary>Polls until the reader is idle, handing every partition batch to <paramref name="onBatch"/>.</summary>
    public static void ReadUntilIdle(KafkaLineSource source, Action<PartitionRecords> onBatch)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            foreach (var batch in source.Poll(TimeSpan.FromMilliseconds(200)))
                onBatch(batch);
            if (source.IsIdle(Idle))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the group reader did not catch up within {GiveUpAfter.TotalSeconds:0} s (assigned: {source.Assignment.Count} partitions)");
        }
    }
}
