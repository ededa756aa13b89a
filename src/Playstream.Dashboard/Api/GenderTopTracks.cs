namespace Playstream.Dashboard.Api;

/// <summary>The ranked tracks of one gender in a top-tracks window.</summary>
public sealed record GenderTopTracks(string Gender, IReadOnlyList<RankedTrack> Tracks);
