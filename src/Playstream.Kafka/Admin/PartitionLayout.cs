namespace Playstream.Kafka.Admin;

/// <summary>One partition of a topic as the cluster's metadata shows it; broker ids, -1 for no leader.</summary>
public sealed record PartitionLayout(int Partition, int Leader, IReadOnlyList<int> Replicas, IReadOnlyList<int> InSyncReplicas);
