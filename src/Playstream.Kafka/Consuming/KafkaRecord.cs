namespace Playstream.Kafka.Consuming;

/// <summary>One record as read from a topic: where it sits, its raw value (one event line, no newline) and its key.</summary>
/// <param name="Value">The value bytes; empty for a record with no value.</param>
/// <param name="Key">The key bytes; empty for a record with no key. The shipper's keys carry the
/// line's source position (<see cref="ShippedLineKey"/>).</param>
public readonly record struct KafkaRecord(string Topic, int Partition, long Offset, ReadOnlyMemory<byte> Value, ReadOnlyMemory<byte> Key = default);

/// <summary>Records of one partition, in offset order, as one poll handed them over.</summary>
public sealed record PartitionRecords(string Topic, int Partition, IReadOnlyList<KafkaRecord> Records)
{
    /// <summary>The <c>topic/partition</c> text used in source positions and batch sources.</summary>
    public string Source => PartitionSource.Of(Topic, Partition);
}

public static class PartitionSource
{
    /// <summary><c>topic/partition</c>: topic names cannot hold <c>/</c>, so the text is unambiguous.</summary>
    public static string Of(string topic, int partition) => $"{topic}/{partition}";
}
