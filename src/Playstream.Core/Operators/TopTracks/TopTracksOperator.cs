using System.Runtime.CompilerServices;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Shared;
using Playstream.Core.Results;
using Playstream.Core.Windows;

namespace Playstream.Core.Operators.TopTracks;

/// <summary>
/// The most played tracks per sliding window and gender code. State is, per pane (one
/// slide long) and gender slot, the plays of each track. At result time each gender's
/// panes are walked in order with running track counts, and each window keeps its top N.
/// Gender slots are process-wide (<see cref="GenderCodes"/>), so merging two operators of
/// one process is slot to slot; snapshots carry the code text.
/// </summary>
public sealed class TopTracksOperator
{
    private readonly AnalyticsSettings _settings;
    private readonly int _slide;
    private readonly int _window;
    private readonly int _topN;
    private readonly PaneSlots _panes = new();
    // [pane slot][gender slot] -> track counts; null where that gender has no play in that pane.
    private IntCountMap?[][] _counts = new IntCountMap?[64][];

    public TopTracksOperator(AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _slide = settings.TopTracksSlideSeconds;
        _window = settings.TopTracksWindowSeconds;
        _topN = settings.TopN;
    }

    /// <summary>Adds <paramref name="plays"/> plays of a track to a pane (numbered as <see cref="PaneMath.PaneOf"/> numbers them) for a gender slot.</summary>
    public void AddCount(long pane, byte genderSlot, int trackId, long plays) => CountsOf(pane, genderSlot).Add(trackId, plays);

    public void Add(long time, byte genderSlot, int trackId) =>
        CountsOf(PaneMath.PaneOf(time, _slide), genderSlot).Add(trackId, 1);

    /// <summary>Adds a block's plays, best sorted by time: a run of one pane finds its slot once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddBlock(ReadOnlySpan<EnrichedPlay> plays)
    {
        foreach (var (pane, run) in new PaneRuns(plays, _slide))
        {
            var slot = SlotOf(pane);
            var byGender = _counts[slot];
            foreach (ref readonly var play in run)
            {
                var gender = play.GenderSlot;
                if (gender >= byGender.Length || byGender[gender] is not { } counts)
                {
                    counts = CountsOfSlot(slot, gender);
                    byGender = _counts[slot];
                }
                counts.Add(play.TrackId, 1);
            }
        }
    }

    public void Merge(TopTracksOperator other) => Merge(other, long.MinValue);

    /// <summary>A copy holding only the panes that a window ending after <paramref name="horizon"/> still needs.</summary>
    public TopTracksOperator Retaining(long horizon)
    {
        var kept = new TopTracksOperator(_settings);
        kept.Merge(this, PaneRetention.FirstNeeded(horizon, _window, _slide));
        return kept;
    }

    /// <summary>How many panes hold state.</summary>
    public int Panes => _panes.Count;

    private void Merge(TopTracksOperator other, long fromPane)
    {
        ArgumentNullException.ThrowIfNull(other);
        var otherPanes = other._panes.Panes;
        for (var otherSlot = 0; otherSlot < otherPanes.Length; otherSlot++)
        {
            if (otherPanes[otherSlot] < fromPane)
                continue;
            var byGender = other._counts[otherSlot];
            for (var gender = 0; gender < byGender.Length; gender++)
            {
                var counts = byGender[gender];
                if (counts is null)
                    continue;
                var target = CountsOf(otherPanes[otherSlot], (byte)gender);
                counts.ForEach((track, plays) => target.Add(track, plays));
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var panes = _panes.Panes;
        writer.Write(panes.Length);
        for (var slot = 0; slot < panes.Length; slot++)
        {
            writer.Write(panes[slot]);
            var byGender = _counts[slot];
            writer.Write(byGender.Count(c => c is not null));
            for (var gender = 0; gender < byGender.Length; gender++)
            {
                var counts = byGender[gender];
                if (counts is null)
                    continue;
                writer.Write(GenderCodes.Name(gender));
                writer.Write(counts.Count);
                counts.ForEach((track, plays) =>
                {
                    writer.Write(track);
                    writer.Write(plays);
                });
            }
        }
    }

    public static TopTracksOperator Read(BinaryReader reader, AnalyticsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new TopTracksOperator(settings);
        var paneCount = reader.ReadInt32();
        for (var i = 0; i < paneCount; i++)
        {
            var pane = reader.ReadInt64();
            var genders = reader.ReadInt32();
            for (var g = 0; g < genders; g++)
            {
                var counts = result.CountsOf(pane, GenderCodes.Slot(reader.ReadString()));
                var tracks = reader.ReadInt32();
                for (var t = 0; t < tracks; t++)
                {
                    var track = reader.ReadInt32();
                    counts.Add(track, reader.ReadInt64());
                }
            }
        }
        return result;
    }

    /// <summary>Every (window, gender) with at least one play, by window start then gender code.</summary>
    public List<TopTracksWindow> ComputeWindows() =>
        ComputeWindowsWithPlays(long.MinValue, long.MaxValue).ConvertAll(w => w.Window);

    /// <summary>The pane numbers that hold state, in no particular order.</summary>
    public ReadOnlySpan<long> PaneNumbers => _panes.Panes;

    /// <summary>
    /// The (window, gender) results whose window starts within [<paramref name="firstStart"/>,
    /// <paramref name="lastStart"/>], each with all the plays the window holds for its gender
    /// (which grow whenever the window changes: what a stored result's version is), by window
    /// start then gender code. Only the panes those windows cover are walked.
    /// </summary>
    public List<(TopTracksWindow Window, long Plays)> ComputeWindowsWithPlays(long firstStart, long lastStart)
    {
        var (sortedPanes, slots) = _panes.InPaneOrder();
        var firstPane = firstStart == long.MinValue ? long.MinValue : PaneMath.PaneOf(firstStart, _slide);
        var lastPane = lastStart == long.MaxValue ? long.MaxValue : PaneMath.PaneOf(lastStart, _slide) + _window / _slide - 1;
        var from = SortedBounds.Lower(sortedPanes, firstPane);
        var to = lastPane == long.MaxValue ? sortedPanes.Length : SortedBounds.Lower(sortedPanes, lastPane + 1);
        var windows = new List<(TopTracksWindow Window, long Plays)>();
        var genderCount = _counts.Take(_panes.Count).Select(byGender => byGender.Length).DefaultIfEmpty(0).Max();
        for (var gender = 0; gender < genderCount; gender++)
            AddWindowsOfGender(gender, sortedPanes.AsSpan(from, to - from), slots.AsSpan(from, to - from), windows, firstStart, lastStart);
        windows.Sort((a, b) => a.Window.WindowStart != b.Window.WindowStart
            ? a.Window.WindowStart.CompareTo(b.Window.WindowStart)
            : string.CompareOrdinal(a.Window.Gender, b.Window.Gender));
        return windows;
    }

    /// <summary>A copy holding only the panes <paramref name="keep"/> accepts (how a partial is split by the windows' owners).</summary>
    public TopTracksOperator Where(Func<long, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var kept = new TopTracksOperator(_settings);
        var panes = _panes.Panes;
        for (var slot = 0; slot < panes.Length; slot++)
        {
            if (!keep(panes[slot]))
                continue;
            var byGender = _counts[slot];
            for (var gender = 0; gender < byGender.Length; gender++)
            {
                if (byGender[gender] is not { } counts)
                    continue;
                var target = kept.CountsOf(panes[slot], (byte)gender);
                counts.ForEach((track, plays) => target.Add(track, plays));
            }
        }
        return kept;
    }

    private void AddWindowsOfGender(int gender, ReadOnlySpan<long> sortedPanes, ReadOnlySpan<int> slots, List<(TopTracksWindow, long)> windows, long firstStart, long lastStart)
    {
        // The panes where this gender played, in pane order.
        var panes = new List<long>();
        var maps = new List<IntCountMap>();
        var maxTrack = -1;
        for (var i = 0; i < sortedPanes.Length; i++)
        {
            var byGender = _counts[slots[i]];
            if (gender < byGender.Length && byGender[gender] is { } counts)
            {
                panes.Add(sortedPanes[i]);
                maps.Add(counts);
                maxTrack = Math.Max(maxTrack, counts.MaxKey());
            }
        }
        if (panes.Count == 0)
            return;

        var totals = maps.ConvertAll(m => m.Total());
        var walk = new WindowWalk(this, maps, totals, new SlidingCounts(maxTrack, listKeys: true), GenderCodes.Name(gender), windows, firstStart, lastStart);
        PaneWindowWalker.Walk(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(panes), _window / _slide, ref walk);
    }

    /// <summary>
    /// Running track counts of the window being walked, and all its plays; each window starting
    /// within [first, last] keeps its top N.
    /// </summary>
    private readonly struct WindowWalk(TopTracksOperator topTracks, List<IntCountMap> maps, List<long> totals, SlidingCounts running, string code,
        List<(TopTracksWindow, long)> windows, long firstStart, long lastStart) : IPaneWindowVisitor
    {
        private readonly TopNSelector _top = new(topTracks._topN);
        private readonly long[] _plays = new long[1];

        public void Enter(int pane)
        {
            maps[pane].AddTo(running, 1);
            _plays[0] += totals[pane];
        }

        public void Leave(int pane)
        {
            maps[pane].AddTo(running, -1);
            _plays[0] -= totals[pane];
        }

        public void Emit(long firstPane)
        {
            var start = PaneMath.StartOf(firstPane, topTracks._slide);
            if (start < firstStart || start > lastStart)
                return;
            _top.Clear();
            foreach (var track in running.NonZeroKeys())
                _top.Offer(track, running.Get(track));
            windows.Add((new TopTracksWindow(start, start + topTracks._window, code, _top.ToArray()), _plays[0]));
        }
    }

    private IntCountMap CountsOf(long pane, byte genderSlot) => CountsOfSlot(SlotOf(pane), genderSlot);

    private int SlotOf(long pane)
    {
        var slot = _panes.GetOrAdd(pane, out var added);
        if (added)
        {
            if (slot >= _counts.Length)
                Array.Resize(ref _counts, _counts.Length * 2);
            _counts[slot] = [];
        }
        return slot;
    }

    private IntCountMap CountsOfSlot(int slot, byte genderSlot)
    {
        var byGender = _counts[slot];
        if (genderSlot >= byGender.Length)
        {
            Array.Resize(ref byGender, genderSlot + 1);
            _counts[slot] = byGender;
        }
        return byGender[genderSlot] ??= new IntCountMap();
    }
}
