namespace Playstream.Embedded.Store;

/// <summary>
/// How many rows the plays and dead-letter tables held at one instant (their largest rowid:
/// rows are only appended, so every row after the mark was written after that instant).
/// A checkpoint keeps the marks of the moment it was taken; a resume drops the rows after them,
/// because it reads their lines again.
/// </summary>
public readonly record struct StoreMarks(long Plays, long DeadLetters);
