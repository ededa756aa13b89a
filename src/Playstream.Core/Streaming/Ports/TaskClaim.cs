namespace Playstream.Core.Streaming.Ports;

/// <summary>What a claim found: the new epoch, and the stored state (null and empty when the task is new).</summary>
public sealed record TaskClaim(int Partition, long Epoch, byte[]? Snapshot, IReadOnlyList<byte[]> Log, byte[]? WindowSnapshot);
