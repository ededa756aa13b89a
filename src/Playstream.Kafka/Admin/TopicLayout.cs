namespace Playstream.Kafka.Admin;

/// <summary>A topic and its partitions, in partition order.</summary>
public sealed record TopicLayout(string Name, IReadOnlyList<PartitionLayout> Partitions)
{
    /// <summary>Replicas of the first partition: what the topic was created with.</summary>
    public int ReplicationFactor => Partitions.Count == 0 ? 0 : Partitions[0].Replicas.Count;

    /// <summary>Every partition has a leader, so producers and consumers can use the topic.</summary>
    public bool IsReady => Partitions.Count > 0 && Partitions.All(p => p.Leader >= 0);
}
