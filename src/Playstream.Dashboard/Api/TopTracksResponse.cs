namespace Playstream.Dashboard.Api;

/// <summary>The top tracks of one window; <see cref="WindowStarts"/> lists every window there is, to pick from.</summary>
public sealed record TopTracksResponse(
    long? Start, long? End, long? DefaultStart, long[] WindowStarts, long WindowPlays, IReadOnlyList<GenderTopTracks> Genders);
