namespace Playstream.Processor.Metrics;

/// <summary>
/// One partition: the group's committed offset (null when none), the high watermark, the lag
/// (high watermark - committed; the whole partition when nothing is committed), the member
/// holding it, and the offset of its checkpoint in Redis (null when there is none or Redis was not read).
/// </summary>
public sealed record PartitionStatus(int Partition, long? Committed, long LowWatermark, long HighWatermark, string? Owner, long? CheckpointOffset)
{
    public long Lag => HighWatermark - (Committed ?? LowWatermark);
}
