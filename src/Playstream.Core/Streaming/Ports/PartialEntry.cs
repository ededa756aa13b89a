namespace Playstream.Core.Streaming.Ports;

/// <summary>A partial waiting for its owner; ids grow in the order partials were committed.</summary>
public sealed record PartialEntry(int Owner, string Id, byte[] Data);
