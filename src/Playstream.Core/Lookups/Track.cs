namespace Playstream.Core.Lookups;

/// <summary>A row of the track catalogue.</summary>
public sealed record Track(int Id, string Title, string Artist, int Length);
