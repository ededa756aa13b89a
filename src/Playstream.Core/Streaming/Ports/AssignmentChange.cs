namespace Playstream.Core.Streaming.Ports;

/// <summary>A partition pair handed to this member, or taken away (revoked in a rebalance, or lost with the member's session).</summary>
public readonly record struct AssignmentChange(int Partition, bool Assigned, bool Lost = false);
