namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// One flush of one task. <see cref="LogEntry"/> appends to the log, or <see cref="Snapshot"/>
/// replaces snapshot and log (it holds the flush's changes too); <see cref="WindowSnapshot"/>,
/// when set, replaces the window stage's snapshot, and the partials up to <see cref="WindowCursor"/>
/// may then be dropped. <see cref="Partials"/> are appended to their owners' queues.
/// </summary>
public sealed record TaskCommit(int Partition, long Epoch, TaskProgress Progress)
{
    public byte[]? LogEntry { get; init; }
    public byte[]? Snapshot { get; init; }
    public byte[]? WindowSnapshot { get; init; }
    public string? WindowCursor { get; init; }
    public IReadOnlyList<(int Owner, byte[] Data)> Partials { get; init; } = [];

    /// <summary>Bytes the commit writes.</summary>
    public long Bytes => (LogEntry?.Length ?? 0) + (Snapshot?.Length ?? 0) + (WindowSnapshot?.Length ?? 0) + Partials.Sum(p => (long)p.Data.Length) + 64;
}
