namespace Playstream.Core.Checkpoints;

/// <summary>
/// A partition's operator state and the offset of the next record it has not seen, taken
/// together: restoring both resumes the partition exactly where the checkpoint was taken.
/// </summary>
/// <param name="Source">The partition, as <c>topic/partition</c>.</param>
/// <param name="NextOffset">The first record the state does not include.</param>
/// <param name="Snapshot">The state, as written by <see cref="Engine.PartitionAnalytics.WriteSnapshot"/>.</param>
public sealed record PartitionCheckpoint(string Source, long NextOffset, byte[] Snapshot);
