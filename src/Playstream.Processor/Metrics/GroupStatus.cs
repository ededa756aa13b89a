namespace Playstream.Processor.Metrics;

/// <summary>One member of a consumer group: who it is and which partitions of the topic it holds.</summary>
public sealed record GroupMember(string MemberId, string ClientId, string ClientHost, IReadOnlyList<int> Partitions);

/// <summary>
/// One partition: the group's committed offset (null when none), the high watermark, the lag
/// (high watermark - committed; the whole partition when nothing is committed), the member
/// holding it, and the offset of its checkpoint in Redis (null when there is none or Redis was not read).
/// </summary>
public sealed record PartitionStatus(int Partition, long? Committed, long LowWatermark, long HighWatermark, string? Owner, long? CheckpointOffset)
{
    public long Lag => HighWatermark - (Committed ?? LowWatermark);
}

/// <summary>What <c>playstream status</c> shows of a group on a topic.</summary>
/// <param name="State">The group's state as the coordinator tells it (Stable, PreparingRebalance, Empty, Dead ...).</param>
/// <param name="Checkpoints">Why the checkpoint column is empty, when it is (Redis unreachable); null when read.</param>
public sealed record GroupStatus(string Group, string Topic, string State, IReadOnlyList<GroupMember> Members, IReadOnlyList<PartitionStatus> Partitions, string? Checkpoints)
{
    public long TotalLag => Partitions.Sum(p => p.Lag);
}
