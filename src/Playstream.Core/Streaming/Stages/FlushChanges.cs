using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Streaming.Partials;
using Playstream.Core.Windows;

namespace Playstream.Core.Streaming.Stages;

/// <summary>
/// What a customer stage took in since its last flush: the plays themselves (its log), and the
/// counts they add to the results other tasks merge, kept as flat counts per key (one lookup a
/// play each), not as operators. Cleared at every flush, so its size follows the plays since the
/// last flush, never the state.
/// </summary>
internal sealed class FlushChanges(AnalyticsSettings settings)
{
    public readonly record struct LoggedPlay(int CustomerId, int TrackId, long Time, bool IsMobile);

    public List<LoggedPlay> Plays { get; } = [];

    /// <summary>Customers of the plays whose track was new to them.</summary>
    public List<int> NewPairCustomers { get; } = [];

    /// <summary>Per activity window (numbered by its first pane), the customers that became its listeners.</summary>
    public Dictionary<long, long> NewListeners { get; } = [];

    /// <summary>Per activity pane, plays and mobile plays.</summary>
    public Dictionary<long, (long Plays, long Mobile)> PanePlays { get; } = [];

    /// <summary>Per top-tracks pane, gender slot and track, plays.</summary>
    public Dictionary<(long Pane, byte Gender, int Track), long> TrackPlays { get; } = [];

    /// <summary>Per activity pane, plays by gender slot, level slot and age slot.</summary>
    public Dictionary<long, PaneBreakdown> Breakdowns { get; } = [];

    public Dictionary<int, long> Zips { get; } = [];

    public RunCounters Counters { get; private set; } = new();
    public List<int> NewTracks { get; } = [];
    public List<int> NewMobileTracks { get; } = [];

    public bool IsEmpty => Plays.Count == 0 && Counters.ToSummary() is { Events: 0, DeadLetters: 0 };

    public void AddPlay(long time, bool isMobile, byte gender, int track, byte traits, int zipKey)
    {
        var pane = PaneMath.PaneOf(time, settings.ActivitySlideSeconds);
        ref var plays = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(PanePlays, pane, out _);
        plays = (plays.Plays + 1, plays.Mobile + (isMobile ? 1 : 0));
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
            TrackPlays, (PaneMath.PaneOf(time, settings.TopTracksSlideSeconds), gender, track), out _)++;
        ref var breakdown = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Breakdowns, pane, out var had);
        if (!had)
            breakdown = new PaneBreakdown();
        breakdown!.Add(gender, traits);
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Zips, zipKey, out _)++;
    }

    public void Clear()
    {
        Plays.Clear();
        NewPairCustomers.Clear();
        NewListeners.Clear();
        PanePlays.Clear();
        TrackPlays.Clear();
        Breakdowns.Clear();
        Zips.Clear();
        Counters = new RunCounters();
        NewTracks.Clear();
        NewMobileTracks.Clear();
    }
}
