namespace Playstream.Processor.Metrics;

/// <summary>What <c>playstream status</c> shows of a group on a topic.</summary>
/// <param name="State">The group's state as the coordinator tells it (Stable, PreparingRebalance, Empty, Dead ...).</param>
/// <param name="Checkpoints">Why the checkpoint column is empty, when it is (Redis unreachable); null when read.</param>
public sealed record GroupStatus(string Group, string Topic, string State, IReadOnlyList<GroupMember> Members, IReadOnlyList<PartitionStatus> Partitions, string? Checkpoints)
{
    public long TotalLag => Partitions.Sum(p => p.Lag);
}
