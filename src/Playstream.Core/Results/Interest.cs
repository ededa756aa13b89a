namespace Playstream.Core.Results;

/// <summary>A customer who played a track often enough, soon enough; <paramref name="DetectedAt"/> in Unix seconds.</summary>
public sealed record Interest(int CustomerId, int TrackId, long DetectedAt);
