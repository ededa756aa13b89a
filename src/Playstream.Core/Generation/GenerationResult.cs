namespace Playstream.Core.Generation;

/// <summary>The files <see cref="DataGenerator.Generate"/> wrote and how many rows each has.</summary>
public sealed record GenerationResult(string CustomerFile, string TrackFile, string EventFile, int Customers, int Tracks, long Events);
