namespace Playstream.Dashboard.Api;

/// <summary>One of the busiest listeners, with their name.</summary>
public sealed record ListenerRow(int CustomerId, string Name, long Plays, long MobilePlays, long UniqueTracks);
