using Playstream.Core.Engine;

namespace Playstream.Kafka.Processing;

/// <summary>
/// What one partition's processing holds: its analytics and the offset of the next record it has
/// not yet read. The two belong together: a checkpoint stores both, and a restored partition
/// resumes reading at <see cref="NextOffset"/> with these analytics.
/// </summary>
/// <param name="NextOffset">Offset of the next unread record; null before any record was read.</param>
public sealed record PartitionState(string Topic, int Partition, PartitionAnalytics Analytics, long? NextOffset);
