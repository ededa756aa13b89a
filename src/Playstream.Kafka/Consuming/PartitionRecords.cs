namespace Playstream.Kafka.Consuming;

/// <summary>Records of one partition, in offset order, as one poll handed them over.</summary>
public sealed record PartitionRecords(string Topic, int Partition, IReadOnlyList<KafkaRecord> Records)
{
    /// <summary>The <c>topic/partition</c> text used in source positions and batch sources.</summary>
    public string Source => PartitionSource.Of(Topic, Partition);
}
