namespace Playstream.Core.Results;

/// <summary>The distinct tracks played in a scope (<c>all</c> or <c>mobile</c>), ascending.</summary>
public sealed record UniqueTracks(string Scope, IReadOnlyList<int> TrackIds)
{
    public int Count => TrackIds.Count;
}
