namespace Playstream.Dashboard.Api;

/// <summary>One interest detection with the names of its customer and track; <see cref="DetectedAt"/> in Unix seconds, UTC.</summary>
public sealed record InterestRow(int CustomerId, string Name, int TrackId, string Title, string Artist, long DetectedAt);
