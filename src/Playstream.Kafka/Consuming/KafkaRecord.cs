namespace Playstream.Kafka.Consuming;

/// <summary>One record as read from a topic: where it sits, its raw value (one event line, no newline) and its key.</summary>
/// <param name="Value">The value bytes; empty for a record with no value.</param>
/// <param name="Key">The key bytes; empty for a record with no key. The shipper's keys carry the
/// line's source position (<see cref="ShippedLineKey"/>).</param>
public readonly record struct KafkaRecord(string Topic, int Partition, long Offset, ReadOnlyMemory<byte> Value, ReadOnlyMemory<byte> Key = default);
