namespace Playstream.Core.Streaming.Ports;

/// <summary>The group as the store saw it at one moment.</summary>
public sealed record GroupState(IReadOnlyDictionary<int, TaskProgress> Progress, IReadOnlyDictionary<int, string> LastPartialIds);
