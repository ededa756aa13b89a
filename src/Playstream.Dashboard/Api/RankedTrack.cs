namespace Playstream.Dashboard.Api;

/// <summary>A track's rank and plays in a top-tracks window, with its title and artist.</summary>
public sealed record RankedTrack(int Rank, int TrackId, string Title, string Artist, long Plays);
