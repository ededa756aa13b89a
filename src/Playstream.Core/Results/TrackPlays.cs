namespace Playstream.Core.Results;

/// <summary>A track and its plays inside one top-tracks window.</summary>
public readonly record struct TrackPlays(int TrackId, long Plays);
