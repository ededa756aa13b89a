namespace Playstream.Core.Streaming.Ports;

/// <summary>
/// How far a task got, as of its last commit: input and repartition offsets taken, the last
/// partial its window stage merged, whether results it computed were still being written, its
/// input partition's latest play and when a play last arrived, and the horizon up to which its
/// customer stage has seen every play it will ever get.
/// </summary>
public sealed record TaskProgress(long InputNext, long RepartitionNext, string WindowCursor, bool ResultsPending)
{
    public long? SourceLatestPlay { get; init; }
    public long LastPlayAtMs { get; init; }
    public long? SafeHorizon { get; init; }
}
