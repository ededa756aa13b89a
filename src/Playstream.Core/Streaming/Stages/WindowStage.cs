using Playstream.Core.Engine;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Operators.TopTracks;
using Playstream.Core.Operators.UniqueTracks;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Partials;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.State;
using Playstream.Core.Windows;

namespace Playstream.Core.Streaming.Stages;

/// <summary>
/// The merge of one owner's results (<see cref="WindowOwners"/>): the partials every task sends
/// it, added up in the order they were committed. Keeps what its windows need (per-window
/// activity counts, per-pane track counts, breakdown panes; for partition 0 also the summary,
/// the profile-summary sums, unique tracks and zips) and which results changed since they were
/// last written, so a write covers the windows that moved and nothing else.
/// </summary>
internal sealed class WindowStage
{
    public const string Start = "0-0";

    private readonly int _owner;
    private readonly AnalyticsSettings _settings;
    private readonly WindowOwners _owners;
    private ActivityWindowCounts _activity = new();
    private TopTracksOperator _topTracks;
    private BreakdownsOperator _breakdowns;
    private UniqueTracksOperator _unique = new();
    private RunCounters _counters = new();
    private ProfileShareSums _profileSums = new();
    private Pending _pending = new();
    private Pending _writing = new();

    public WindowStage(int owner, AnalyticsSettings settings, WindowOwners owners)
    {
        _owner = owner;
        _settings = settings;
        _owners = owners;
        _topTracks = new TopTracksOperator(settings);
        _breakdowns = new BreakdownsOperator(settings);
    }

    /// <summary>The id of the last partial merged.</summary>
    public string Cursor { get; private set; } = Start;

    /// <summary>Windows ending by this time were final and are no longer kept (null: none dropped).</summary>
    public long? Horizon { get; private set; }

    public int ActivityWindows => _activity.Count;
    public int TopTracksPanes => _topTracks.Panes;

    public bool HasPendingResults => !_pending.IsEmpty || !_writing.IsEmpty;

    public long Partials { get; private set; }

    public void Merge(PartialEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var partial = WindowPartial.FromBytes(entry.Data);
        _activity.Merge(partial.Activity);
        var perWindow = _settings.ActivityWindowSeconds / _settings.ActivitySlideSeconds;
        foreach (var pane in partial.Activity.Panes)
            for (var first = pane - perWindow + 1; first <= pane; first++)
                if (_owners.OwnerOf(first * _settings.ActivitySlideSeconds) == _owner)
                    _pending.Activity.Add(first);
        foreach (var first in partial.Activity.Windows)
            _pending.Activity.Add(first);
        foreach (var track in partial.Tracks)
        {
            _topTracks.AddCount(track.Pane, track.Gender, track.Track, track.Plays);
            _pending.TopTrackPanes.Add(track.Pane);
        }
        foreach (var (pane, counts) in partial.Panes)
        {
            _breakdowns.AddPane(pane, counts.Genders, counts.Levels, counts.Ages);
            _pending.Panes.Add(pane);
        }
        foreach (var (zip, plays) in partial.Zips)
        {
            _breakdowns.AddZip(zip, plays);
            _pending.Zips.Add(zip);
        }
        if (partial.HasGlobals)
        {
            _counters.Merge(partial.Counters);
            foreach (var track in partial.NewTracks)
                _unique.Add(track, false);
            foreach (var track in partial.NewMobileTracks)
                _unique.Add(track, true);
            _profileSums.Merge(partial.ProfileSums);
            _pending.Globals = true;
        }
        Cursor = entry.Id;
        Partials++;
    }

    /// <summary>The top-tracks windows this owner merges that hold one of the panes.</summary>
    private HashSet<long> OwnedWindowsOf(IEnumerable<long> panes)
    {
        var perWindow = _settings.TopTracksWindowSeconds / _settings.TopTracksSlideSeconds;
        var starts = new HashSet<long>();
        foreach (var pane in panes)
            for (var first = pane - perWindow + 1; first <= pane; first++)
            {
                var start = PaneMath.StartOf(first, _settings.TopTracksSlideSeconds);
                if (_owners.OwnerOf(start) == _owner)
                    starts.Add(start);
            }
        return starts;
    }

    /// <summary>The results that changed since last taken; they count as being written until <see cref="ResultsWritten"/>.</summary>
    public ResultChanges TakeResults()
    {
        var pending = _pending;
        _pending = new Pending();
        _writing.Add(pending);
        var activity = new List<ActivityWindow>();
        var panesPerWindow = _settings.ActivityWindowSeconds / _settings.ActivitySlideSeconds;
        foreach (var first in pending.Activity.Order())
            if (_activity.Window(first, panesPerWindow, _settings.ActivitySlideSeconds) is { } window)
                activity.Add(window);
        var topTracks = new List<(TopTracksWindow Window, long Plays)>();
        var topStarts = OwnedWindowsOf(pending.TopTrackPanes);
        foreach (var (first, last) in Runs(topStarts.Order(), _settings.TopTracksSlideSeconds))
            topTracks.AddRange(_topTracks.ComputeWindowsWithPlays(first, last).Where(w => topStarts.Contains(w.Window.WindowStart)));
        var breakdowns = pending.Panes.Count > 0 || pending.Zips.Count > 0 ? _breakdowns.Compute(pending.Panes, pending.Zips) : null;
        var summary = _counters.ToSummary();
        return new ResultChanges
        {
            Activity = activity,
            TopTracks = topTracks,
            Breakdowns = breakdowns,
            Summary = pending.Globals ? summary : null,
            ProfileSummary = pending.Globals ? _profileSums.ToSummary() : null,
            ProfileSummaryVersion = summary.Events,
            UniqueTracks = pending.Globals ? _unique.ComputeScopes() : null,
        };
    }

    public void ResultsWritten() => _writing = new Pending();

    /// <summary>The write of the results last taken failed: they are taken again with the next.</summary>
    public void ResultsFailed()
    {
        _pending.Add(_writing);
        _writing = new Pending();
    }

    /// <summary>Drops the windows (and the panes only they need) that end by the horizon: final, and written.</summary>
    public void AdvanceHorizon(long horizon)
    {
        if (Horizon is { } current && horizon <= current)
            return;
        Horizon = horizon;
        _activity.DropEndingBy(horizon, _settings.ActivityWindowSeconds / _settings.ActivitySlideSeconds, _settings.ActivitySlideSeconds);
        _topTracks = _topTracks.Retaining(horizon);
        _breakdowns = _breakdowns.Retaining(horizon);
    }

    public void WriteSnapshot(BinaryWriter writer)
    {
        writer.Write(Cursor);
        writer.Write(Horizon.HasValue);
        writer.Write(Horizon ?? 0);
        _activity.Write(writer);
        _topTracks.Write(writer);
        _breakdowns.Write(writer);
        _unique.Write(writer);
        _counters.Write(writer);
        _profileSums.Write(writer);
        var pending = new Pending();
        pending.Add(_pending);
        pending.Add(_writing);
        pending.Write(writer);
    }

    public static WindowStage ReadSnapshot(BinaryReader reader, int owner, AnalyticsSettings settings, WindowOwners owners)
    {
        var stage = new WindowStage(owner, settings, owners) { Cursor = reader.ReadString() };
        var hasHorizon = reader.ReadBoolean();
        var horizon = reader.ReadInt64();
        stage.Horizon = hasHorizon ? horizon : null;
        stage._activity = ActivityWindowCounts.Read(reader);
        stage._topTracks = TopTracksOperator.Read(reader, settings);
        stage._breakdowns = BreakdownsOperator.Read(reader, settings);
        stage._unique = UniqueTracksOperator.Read(reader);
        stage._counters = RunCounters.Read(reader);
        stage._profileSums = ProfileShareSums.Read(reader);
        stage._pending = Pending.Read(reader);
        return stage;
    }

    /// <summary>Sorted starts split into runs of consecutive windows.</summary>
    private static IEnumerable<(long First, long Last)> Runs(IEnumerable<long> sortedStarts, int slide)
    {
        long? first = null, last = null;
        foreach (var start in sortedStarts)
        {
            if (last is { } l && start - l > slide)
            {
                yield return (first!.Value, l);
                first = null;
            }
            first ??= start;
            last = start;
        }
        if (first is { } f)
            yield return (f, last!.Value);
    }

    /// <summary>The keys of results not yet written.</summary>
    private sealed class Pending
    {
        public HashSet<long> Activity { get; } = [];
        public HashSet<long> TopTrackPanes { get; } = [];
        public HashSet<long> Panes { get; } = [];
        public HashSet<int> Zips { get; } = [];
        public bool Globals { get; set; }

        public bool IsEmpty => Activity.Count == 0 && TopTrackPanes.Count == 0 && Panes.Count == 0 && Zips.Count == 0 && !Globals;

        public void Add(Pending other)
        {
            Activity.UnionWith(other.Activity);
            TopTrackPanes.UnionWith(other.TopTrackPanes);
            Panes.UnionWith(other.Panes);
            Zips.UnionWith(other.Zips);
            Globals |= other.Globals;
        }

        public void Write(BinaryWriter writer)
        {
            foreach (var set in new[] { Activity, TopTrackPanes, Panes })
            {
                writer.Write(set.Count);
                foreach (var key in set)
                    writer.Write(key);
            }
            writer.Write(Zips.Count);
            foreach (var zip in Zips)
                writer.Write(zip);
            writer.Write(Globals);
        }

        public static Pending Read(BinaryReader reader)
        {
            var pending = new Pending();
            foreach (var set in new[] { pending.Activity, pending.TopTrackPanes, pending.Panes })
            {
                var count = reader.ReadInt32();
                for (var i = 0; i < count; i++)
                    set.Add(reader.ReadInt64());
            }
            var zips = reader.ReadInt32();
            for (var i = 0; i < zips; i++)
                pending.Zips.Add(reader.ReadInt32());
            pending.Globals = reader.ReadBoolean();
            return pending;
        }
    }
}
