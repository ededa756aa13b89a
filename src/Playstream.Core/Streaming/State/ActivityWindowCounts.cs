using Playstream.Core.Results;

namespace Playstream.Core.Streaming.State;

/// <summary>
/// What activity windows are made of, summed over the partitions that sent them: plays and mobile
/// plays per pane (a window's are the sum of its panes'), and listeners per window. A listener
/// belongs to one partition (partitions hold customers), so partitions' listener counts of a
/// window add up to the window's.
/// </summary>
public sealed class ActivityWindowCounts
{
    private readonly Dictionary<long, (long Plays, long Mobile)> _panes = [];
    private readonly Dictionary<long, long> _listeners = [];

    /// <summary>Panes with plays, by pane number.</summary>
    public IEnumerable<long> Panes => _panes.Keys;

    /// <summary>Windows with listeners, by their first pane.</summary>
    public IEnumerable<long> Windows => _listeners.Keys;

    public int Count => _listeners.Count;

    public IEnumerable<(long Pane, long Plays, long Mobile)> PaneCounts() => _panes.Select(p => (p.Key, p.Value.Plays, p.Value.Mobile));

    public IEnumerable<(long FirstPane, long Listeners)> ListenerCounts() => _listeners.Select(l => (l.Key, l.Value));

    /// <summary>Makes room for this many panes and windows at once, for a caller that knows how many it is about to add.</summary>
    public void EnsureCapacity(int panes, int windows)
    {
        _panes.EnsureCapacity(panes);
        _listeners.EnsureCapacity(windows);
    }

    public void AddPane(long pane, long plays, long mobile)
    {
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_panes, pane, out _);
        counts = (counts.Plays + plays, counts.Mobile + mobile);
    }

    public void AddListeners(long firstPane, long listeners) =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_listeners, firstPane, out _) += listeners;

    public void Merge(ActivityWindowCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (pane, (plays, mobile)) in other._panes)
            AddPane(pane, plays, mobile);
        foreach (var (window, listeners) in other._listeners)
            AddListeners(window, listeners);
    }

    /// <summary>The window whose first pane is <paramref name="firstPane"/>, null when it holds no play.</summary>
    public ActivityWindow? Window(long firstPane, int panesPerWindow, int slide)
    {
        long plays = 0, mobile = 0;
        for (var pane = firstPane; pane < firstPane + panesPerWindow; pane++)
            if (_panes.TryGetValue(pane, out var counts))
            {
                plays += counts.Plays;
                mobile += counts.Mobile;
            }
        if (plays == 0)
            return null;
        var start = firstPane * slide;
        return new ActivityWindow(start, start + (long)panesPerWindow * slide, plays, _listeners.GetValueOrDefault(firstPane), mobile);
    }

    /// <summary>Forgets what only windows ending by <paramref name="horizon"/> need (they are final, and written).</summary>
    public void DropEndingBy(long horizon, int panesPerWindow, int slide)
    {
        foreach (var window in _listeners.Keys.Where(w => (w + panesPerWindow) * slide <= horizon).ToList())
            _listeners.Remove(window);
        var firstNeeded = global::Playstream.Core.Windows.PaneRetention.FirstNeeded(horizon, panesPerWindow * slide, slide);
        foreach (var pane in _panes.Keys.Where(p => p < firstNeeded).ToList())
            _panes.Remove(pane);
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write7BitEncodedInt(_panes.Count);
        foreach (var (pane, (plays, mobile)) in _panes)
        {
            writer.Write7BitEncodedInt64(pane);
            writer.Write7BitEncodedInt64(plays);
            writer.Write7BitEncodedInt64(mobile);
        }
        writer.Write7BitEncodedInt(_listeners.Count);
        foreach (var (window, listeners) in _listeners)
        {
            writer.Write7BitEncodedInt64(window);
            writer.Write7BitEncodedInt64(listeners);
        }
    }

    public static ActivityWindowCounts Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var counts = new ActivityWindowCounts();
        // A pane is at least three bytes (number, plays, mobile plays), a window's listeners two.
        var panes = EntryCounts.Read(reader, 3);
        counts._panes.EnsureCapacity(panes);
        for (var n = panes; n > 0; n--)
            counts.AddPane(reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        var listeners = EntryCounts.Read(reader, 2);
        counts._listeners.EnsureCapacity(listeners);
        for (var n = listeners; n > 0; n--)
            counts.AddListeners(reader.Read7BitEncodedInt64(), reader.Read7BitEncodedInt64());
        return counts;
    }
}
