using Playstream.Core.Results;

namespace Playstream.Core.Streaming.State;

/// <summary>
/// Plays, listeners and mobile plays per activity window, summed over the partitions that
/// sent them. A listener belongs to one partition (partitions hold customers), so each
/// partition's distinct listeners of a window add up to the window's.
/// </summary>
public sealed class ActivityWindowCounts
{
    private readonly Dictionary<long, (long Plays, long Listeners, long Mobile)> _windows = [];

    public int Count => _windows.Count;

    public IEnumerable<long> Starts => _windows.Keys;

    public void Add(long windowStart, long plays, long listeners, long mobile)
    {
        ref var counts = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_windows, windowStart, out _);
        counts = (counts.Plays + plays, counts.Listeners + listeners, counts.Mobile + mobile);
    }

    public void Merge(ActivityWindowCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (start, (plays, listeners, mobile)) in other._windows)
            Add(start, plays, listeners, mobile);
    }

    /// <summary>The window starting at <paramref name="windowStart"/>, null when it holds no play.</summary>
    public ActivityWindow? Window(long windowStart, int windowSeconds) =>
        _windows.TryGetValue(windowStart, out var c) && c.Plays > 0
            ? new ActivityWindow(windowStart, windowStart + windowSeconds, c.Plays, c.Listeners, c.Mobile)
            : null;

    /// <summary>Forgets the windows that end by <paramref name="horizon"/> (final, and written).</summary>
    public void DropEndingBy(long horizon, int windowSeconds)
    {
        foreach (var start in _windows.Keys.Where(s => s + windowSeconds <= horizon).ToList())
            _windows.Remove(start);
    }

    public void Write(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_windows.Count);
        foreach (var (start, (plays, listeners, mobile)) in _windows)
        {
            writer.Write(start);
            writer.Write(plays);
            writer.Write(listeners);
            writer.Write(mobile);
        }
    }

    public static ActivityWindowCounts Read(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var counts = new ActivityWindowCounts();
        var n = reader.ReadInt32();
        for (var i = 0; i < n; i++)
            counts.Add(reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64(), reader.ReadInt64());
        return counts;
    }
}
