using Playstream.Core.Engine;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Operators.TopTracks;
using Playstream.Core.Windows;

namespace Playstream.Core.Streaming.Stages;

/// <summary>
/// What a customer stage took in since its last flush: the plays themselves (its log), and the
/// counts they add to the results other tasks merge. Cleared at every flush, so its size
/// follows the plays since the last flush, never the state.
/// </summary>
internal sealed class FlushChanges(AnalyticsSettings settings)
{
    public readonly record struct LoggedPlay(int CustomerId, int TrackId, long Time, bool IsMobile);

    public List<LoggedPlay> Plays { get; } = [];

    /// <summary>Customers of the plays whose track was new to them.</summary>
    public List<int> NewPairCustomers { get; } = [];

    /// <summary>(pane, customer) pairs the activity state did not hold before.</summary>
    public List<(long Pane, int Customer)> NewListeners { get; } = [];

    /// <summary>Per activity pane, plays and mobile plays.</summary>
    public Dictionary<long, (long Plays, long Mobile)> PanePlays { get; } = [];

    public RunCounters Counters { get; private set; } = new();
    public TopTracksOperator TopTracks { get; private set; } = new(settings);
    public BreakdownsOperator Breakdowns { get; private set; } = new(settings);
    public List<int> NewTracks { get; } = [];
    public List<int> NewMobileTracks { get; } = [];

    public bool IsEmpty => Plays.Count == 0 && Counters.ToSummary() is { Events: 0, DeadLetters: 0 };

    public void AddPanePlay(long time, bool isMobile)
    {
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(
            PanePlays, PaneMath.PaneOf(time, settings.ActivitySlideSeconds), out _);
        counts = (counts.Plays + 1, counts.Mobile + (isMobile ? 1 : 0));
    }

    public void Clear()
    {
        Plays.Clear();
        NewPairCustomers.Clear();
        NewListeners.Clear();
        PanePlays.Clear();
        Counters = new RunCounters();
        TopTracks = new TopTracksOperator(settings);
        Breakdowns = new BreakdownsOperator(settings);
        NewTracks.Clear();
        NewMobileTracks.Clear();
    }
}
