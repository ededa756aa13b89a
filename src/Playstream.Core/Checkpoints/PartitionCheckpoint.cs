namespace Playstream.Core.Checkpoints;

/// <summary>
/// A whole state and where reading got to, taken together: restoring both resumes exactly where
/// the checkpoint was taken. A followed run keeps one (its <c>FollowCheckpoint</c>, which holds the
/// analytics state, its files' positions and its store's row counts, as the snapshot).
/// </summary>
/// <remarks>
/// Shipper marks are not here: only <c>process</c> sees shipped lines, and it keeps them with its
/// customer stage's state, in its streaming task commits (see <see cref="ICheckpointStore"/>).
/// </remarks>
/// <param name="Source">What was read, as its checkpoint store names it.</param>
/// <param name="NextOffset">How far reading got, in the source's own unit.</param>
/// <param name="Snapshot">The state.</param>
public sealed record PartitionCheckpoint(string Source, long NextOffset, byte[] Snapshot);
