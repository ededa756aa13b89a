namespace Playstream.Core.Results;

/// <summary>The top tracks of one window for one gender code (or <c>unknown</c>), in rank order.</summary>
public sealed record TopTracksWindow(long WindowStart, long WindowEnd, string Gender, IReadOnlyList<TrackPlays> Tracks);
