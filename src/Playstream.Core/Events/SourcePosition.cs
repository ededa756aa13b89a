namespace Playstream.Core.Events;

/// <summary>
/// Where a line came from: a file and its 1-based line number, or a Kafka topic, partition
/// and offset. The same text is used for dead letters and for deterministic document ids.
/// </summary>
/// <param name="Source">A file path, or <c>topic/partition</c>.</param>
/// <param name="Line">1-based line number in a file, or the record's offset.</param>
public readonly record struct SourcePosition(string Source, long Line)
{
    public override string ToString() => $"{Source}:{Line}";
}
