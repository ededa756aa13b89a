namespace Playstream.Embedded.Store;

/// <summary>
/// How many rows the plays and dead-letter tables held at one instant (their largest rowid:
/// rows are only appended, so every row above it was written after that instant).
/// A checkpoint keeps the counts of the moment it was taken; a resume drops the rows above them,
/// because it reads their lines again. Also how many rows such a trim dropped.
/// </summary>
public readonly record struct StoreRowCounts(long Plays, long DeadLetters);
