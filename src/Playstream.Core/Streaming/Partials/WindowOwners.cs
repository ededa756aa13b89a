using Playstream.Core.Engine;

namespace Playstream.Core.Streaming.Partials;

/// <summary>
/// Which task merges which results. Windows (and breakdown panes) are owned by the day their
/// window starts in, the days dealt round the partitions, so a replay of months spreads the
/// merge over every task while a live stream's current day sits with one. Results without a
/// time (the summary, the profile summary, unique tracks, zips) belong to partition 0.
/// </summary>
public sealed class WindowOwners(AnalyticsSettings settings, int partitions)
{
    public const int BlockSeconds = 86_400;
    public const int GlobalOwner = 0;

    public int Partitions { get; } = partitions;

    /// <summary>The owner of the window (or pane) starting at <paramref name="start"/>.</summary>
    public int OwnerOf(long start)
    {
        var block = Math.DivRem(start, BlockSeconds, out var rem);
        if (rem < 0)
            block--;
        return (int)(((block % Partitions) + Partitions) % Partitions);
    }

    /// <summary>
    /// The owners of every activity window (of <paramref name="panesPerWindow"/> panes) that holds
    /// <paramref name="pane"/>: a window is shorter than a day, so the owner of the first window
    /// holding it and that of the last, equal when all of them start on one day. A pair, not a
    /// list: a flush asks this for every pane it touched.
    /// </summary>
    public (int First, int Last) ActivityOwnersOfPane(long pane, int panesPerWindow, int slide) =>
        (OwnerOf((pane - panesPerWindow + 1) * slide), OwnerOf(pane * slide));

    /// <summary>The owners of every top-tracks window that holds the pane starting at <paramref name="paneStart"/> (one to three days' owners).</summary>
    public List<int> TopTracksOwnersOfPane(long paneStart)
    {
        var owners = new List<int>(3);
        // The windows holding the pane start in [first, paneStart]: stepping a day at a time meets each day they start in.
        for (var start = paneStart - settings.TopTracksWindowSeconds + settings.TopTracksSlideSeconds; ; start += BlockSeconds)
        {
            var owner = OwnerOf(Math.Min(start, paneStart));
            if (!owners.Contains(owner))
                owners.Add(owner);
            if (start >= paneStart)
                return owners;
        }
    }
}
