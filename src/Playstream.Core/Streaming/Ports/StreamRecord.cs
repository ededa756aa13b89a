namespace Playstream.Core.Streaming.Ports;

/// <summary>One record of a partition as a source hands it over: its offset, key and value (a raw line).</summary>
public readonly record struct StreamRecord(long Offset, ReadOnlyMemory<byte> Key, ReadOnlyMemory<byte> Value);

/// <summary>Which of a task's two topics a record came from.</summary>
public enum RecordTopic : byte
{
    /// <summary>The input topic: lines as a shipper, Logstash or any producer sent them.</summary>
    Input,

    /// <summary>The repartition topic: lines routed to their customer's partition by a source stage.</summary>
    Repartition,
}

/// <summary>Records of one partition of one topic, in offset order.</summary>
public sealed record StreamBatch(int Partition, RecordTopic Topic, IReadOnlyList<StreamRecord> Records);
