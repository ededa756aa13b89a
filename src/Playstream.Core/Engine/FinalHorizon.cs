namespace Playstream.Core.Engine;

/// <summary>
/// How far an endless stream's results are final. A partition accepts only plays at or after its
/// latest play minus the allowed lateness (later ones are dead letters <c>late</c>), and its latest
/// play only moves forward; so no play still to come, in any partition, is before the smallest of
/// those bounds. Windows ending by then are final, and their detail can be evicted once written.
/// </summary>
public static class FinalHorizon
{
    /// <param name="latestPlays">Each partition's latest event time (null: it has no play yet), as the merged view saw them.</param>
    /// <param name="partitionCount">How many partitions the topic has: one not in the view holds the horizon back.</param>
    /// <param name="allowedLatenessSeconds">The lateness allowed, in seconds.</param>
    /// <returns>The horizon, or null while some partition has no play (its first play may be of any time).</returns>
    public static long? Of(IReadOnlyCollection<long?> latestPlays, int partitionCount, long allowedLatenessSeconds)
    {
        ArgumentNullException.ThrowIfNull(latestPlays);
        ArgumentOutOfRangeException.ThrowIfNegative(allowedLatenessSeconds);
        if (partitionCount < 1 || latestPlays.Count < partitionCount || latestPlays.Any(t => t is null))
            return null;
        return latestPlays.Min()!.Value - allowedLatenessSeconds;
    }
}
