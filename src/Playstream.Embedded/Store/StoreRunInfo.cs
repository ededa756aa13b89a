namespace Playstream.Embedded.Store;

/// <summary>What the store's meta table says about the run that wrote it.</summary>
public sealed record StoreRunInfo(string State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, long? Events, IReadOnlyDictionary<string, string> Meta);
