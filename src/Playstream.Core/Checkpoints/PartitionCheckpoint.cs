namespace Playstream.Core.Checkpoints;

/// <summary>
/// A partition's operator state, the offset of the next record it has not seen, and the shipper
/// marks that tell a resent line from a new one, taken together: restoring all three resumes the
/// partition exactly where the checkpoint was taken, and a line resent after the checkpoint is
/// still recognised.
/// </summary>
/// <param name="Source">The partition, as <c>topic/partition</c>.</param>
/// <param name="NextOffset">The first record the state does not include.</param>
/// <param name="Snapshot">The state, as written by <see cref="Engine.PartitionAnalytics.WriteSnapshot"/>.</param>
/// <param name="ShipperMarks">Per shipper source, the highest line offset taken, least recently seen
/// source first (the order bounds which sources are forgotten first); none when null.</param>
public sealed record PartitionCheckpoint(string Source, long NextOffset, byte[] Snapshot, IReadOnlyList<ShipperMark>? ShipperMarks = null)
{
    /// <summary>Per shipper source, the highest line offset taken, least recently seen first; empty for a checkpoint without marks.</summary>
    public IReadOnlyList<ShipperMark> ShipperMarks { get; init; } = ShipperMarks ?? [];
}
