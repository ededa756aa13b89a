namespace Playstream.Kafka.Consuming;

/// <summary>How a topic partition is named where a source is text.</summary>
public static class PartitionSource
{
    /// <summary><c>topic/partition</c>: topic names cannot hold <c>/</c>, so the text is unambiguous.</summary>
    public static string Of(string topic, int partition) => $"{topic}/{partition}";
}
