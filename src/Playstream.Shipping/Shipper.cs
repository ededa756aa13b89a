using System.Diagnostics;
using Playstream.Core.Events;
using Playstream.Core.Files;
using Playstream.Shipping.Files;
using Playstream.Shipping.Positions;
using Playstream.Shipping.Sinks;
using Playstream.Shipping.Tailing;

namespace Playstream.Shipping;

/// <summary>
/// Follows files and sends every complete, non-blank line to a sink, in file order, and keeps the
/// position Kafka has acknowledged for each file. One thread reads all files (so a rotated file is
/// finished before the file that replaced it); the sink acknowledges on its own thread.
/// </summary>
/// <remarks>
/// Files are known by device and inode plus a fingerprint of their first bytes, never by name: a
/// renamed file keeps its position and is not shipped again when a pattern matches its new name;
/// a new file under an old name is a new file. A file found shorter than what was read, or whose
/// first bytes changed, was truncated (copytruncate) and is shipped again from its start, as its
/// next generation: a new source id in the keys of its lines (see <see cref="SourceId"/>), saved
/// at once, so the processor never takes the new content for a resend of the old.
/// </remarks>
public sealed class Shipper : IDisposable
{
    private readonly ShipperOptions _options;
    private readonly ILineSink _sink;
    private readonly PositionStore? _store;
    private readonly Action<string> _log;
    private readonly PathPattern[] _patterns;
    private readonly List<ShippedFile> _files = []; // in the order they were found: the reading order
    private readonly Dictionary<FileIdentity, ShippedFile> _byIdentity = [];
    private readonly Dictionary<FileIdentity, FilePosition> _positions = [];
    private readonly AutoResetEvent _wake = new(false);
    private int _filesFollowed;
    private Stopwatch _clock = new();
    private TimeSpan _lastSave;
    private int _linesSinceClockCheck;

    /// <param name="store">Where positions are kept; null to keep none (every file is then new).</param>
    /// <param name="log">Where notices go (files found, rotations, truncations, Kafka trouble).</param>
    public Shipper(ShipperOptions options, ILineSink sink, PositionStore? store, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        if (options.Patterns.Count == 0)
            throw new ArgumentException("no file or pattern to ship", nameof(options));
        _options = options;
        _sink = sink;
        _store = store;
        _log = log ?? (_ => { });
        _patterns = [.. options.Patterns.Select(p => new PathPattern(p))];
    }

    public ShipCounters Counters { get; } = new();

    /// <summary>The files being followed now (safe to call from another thread).</summary>
    public IReadOnlyList<FileProgress> Progress()
    {
        lock (_files)
            return [.. _files.Select(f => new FileProgress(f.File.Path, f.File.Size, f.File.Offset, f.Window.AcknowledgedOffset))];
    }

    /// <summary>Ships until <paramref name="stop"/> is cancelled, the files are read to their end
    /// (with <see cref="ShipperOptions.ExitAtEof"/>), or a delivery fails for good; then waits for
    /// the acknowledgements and saves the positions.</summary>
    public ShipResult Run(CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        if (_store is not null)
        {
            foreach (var (identity, position) in _store.Load())
                _positions[identity] = position;
        }
        // With ExitAtEof nothing waits for a change: no folder is watched (a watcher costs a thread and inotify set-up).
        using var watcher = _options.ExitAtEof ? null : new FolderWatcher(_patterns, _wake);
        _clock = clock;
        _lastSave = clock.Elapsed;
        var first = true;
        while (true)
        {
            Scan(first);
            first = false;
            ReadAll(stop);
            if (_sink.Failure is not null || stop.IsCancellationRequested || _options.ExitAtEof)
                break;
            CloseInactive();
            SaveWhenDue();
            WaitHandle.WaitAny([stop.WaitHandle, _wake], _options.PollInterval);
        }
        var flushed = _sink.Failure is null && _sink.Flush(_options.FlushTimeout);
        var inFlight = _files.Sum(f => f.Window.InFlight);
        var clean = flushed && inFlight == 0 && _sink.Failure is null;
        if (!clean && _sink.Failure is null)
            _log($"{inFlight:N0} lines were not acknowledged in time: they will be sent again next time");
        SavePositions(clean);
        return new ShipResult(Counters.LinesSent, _sink.Acknowledged, Counters.BytesSent, Counters.BlankLines, _filesFollowed,
            Counters.StartedOver, clean, _sink.Failure,
            [.. _files.Where(f => f.File.PartialLineBytes > 0).Select(f => f.File.Path)], clock.Elapsed);
    }

    /// <summary>Finds the files the patterns match now; opens the new ones and decides where each starts.</summary>
    private void Scan(bool first)
    {
        foreach (var file in _files)
            file.Matched = false;
        var found = new List<(string Path, FileIdentity Identity)>();
        foreach (var pattern in _patterns)
        {
            foreach (var path in pattern.Expand())
            {
                if (FileStatus.Of(path) is not { } status)
                    continue;
                if (_byIdentity.TryGetValue(status.Identity, out var known))
                {
                    if (!known.Matched && !string.Equals(known.File.Path, path, StringComparison.Ordinal))
                        _log($"{known.File.Path} is now {path} (renamed): carrying on from byte {known.File.Offset:N0}");
                    known.File.Path = path;
                    known.Matched = true;
                    known.LastActive = DateTimeOffset.UtcNow;
                    continue;
                }
                found.Add((path, status.Identity));
            }
        }
        // Files with a saved position were there before the others: after a restart in the middle
        // of a rotation, the rotated file is finished before the one that replaced it.
        foreach (var (path, _) in found.OrderBy(f => _positions.ContainsKey(f.Identity) ? 0 : 1).ThenBy(f => f.Path, StringComparer.Ordinal))
            Follow(path, first);
    }

    private void Follow(string path, bool first)
    {
        var shipped = ShippedFile.Open(path, _options.WindowCapacity);
        if (shipped is null)
            return;
        var file = shipped.File;
        if (_byIdentity.ContainsKey(file.Identity))
        {
            shipped.Dispose(); // replaced between the look and the open, by a file already followed
            return;
        }
        long start;
        var generation = 0;
        var saved = _positions.GetValueOrDefault(file.Identity);
        if (saved is not null && file.StartsWith(saved.Fingerprint))
        {
            var truncated = saved.Offset > file.Size;
            start = truncated ? 0 : saved.Offset;
            generation = truncated ? saved.Generation + 1 : saved.Generation;
            _log(truncated
                ? $"following {path} from its start: it is shorter than its saved position (truncated)"
                : $"following {path} from byte {start:N0} (saved position)");
        }
        else
        {
            start = first && _options.From == StartPosition.End ? file.EndOfLastCompleteLine() : 0;
            // A saved position with other first bytes: this inode now holds other content (the
            // file was truncated and rewritten while we were away, or the inode was reused). Its
            // lines must not share a source id with the old content's, whose marks the processor
            // may still hold, even if the first line is the same.
            generation = saved is null ? 0 : saved.Generation + 1;
            _log($"following {path} from byte {start:N0} (new file)");
        }
        shipped.StartAt(start, generation);
        lock (_files)
            _files.Add(shipped);
        _byIdentity.Add(file.Identity, shipped);
        _filesFollowed++;
        if (saved is not null && generation != saved.Generation)
            SaveNow();
    }

    private void ReadAll(CancellationToken stop)
    {
        foreach (var shipped in _files)
        {
            if (stop.IsCancellationRequested || _sink.Failure is not null)
                return;
            var file = shipped.File;
            if (file.Check() == FileChange.Truncated)
            {
                _log($"{file.Path} was truncated: shipping it again from its start");
                shipped.StartOver();
                Counters.StartOver();
                // The new generation is on disk before any of its lines is sent: a crash now
                // cannot bring back the old generation for lines already sent with the new one.
                SaveNow();
            }
            if (!file.HasUnreadBytes)
                continue;
            var before = file.Offset;
            var completed = file.ReadLines((line, _, start, end) => Ship(shipped, line, start, end, stop));
            _sink.Push();
            if (file.Offset != before)
                shipped.LastActive = DateTimeOffset.UtcNow;
            if (!completed)
                return;
        }
    }

    private bool Ship(ShippedFile file, ReadOnlySpan<byte> line, long start, long end, CancellationToken stop)
    {
        if (stop.IsCancellationRequested || _sink.Failure is not null)
            return false;
        var window = file.Window;
        if (EventParser.IsBlank(line))
        {
            window.Skip(end);
            Counters.Blank();
            return true;
        }
        int slot;
        while (!window.TryAdd(end, out slot))
        {
            // This file's bound on lines in flight: wait for acknowledgements.
            _sink.Push();
            if (stop.WaitHandle.WaitOne(1) || _sink.Failure is not null)
                return false;
        }
        if (!_sink.Send(line, file.File.Path, file.SourceId, start, window, slot, stop))
        {
            window.RemoveLast(slot);
            return false;
        }
        Counters.Sent((int)(end - start));
        // A long backlog is read in one go: save along the way too, not only between polls.
        if (++_linesSinceClockCheck >= 4096)
        {
            _linesSinceClockCheck = 0;
            SaveWhenDue();
        }
        return true;
    }

    private void SaveWhenDue()
    {
        if (_clock.Elapsed - _lastSave < _options.SaveInterval)
            return;
        SaveNow();
    }

    private void SaveNow()
    {
        SavePositions(clean: false);
        _lastSave = _clock.Elapsed;
    }

    /// <summary>Closes files that no longer match, are read to their end, fully acknowledged and idle.</summary>
    private void CloseInactive()
    {
        var now = DateTimeOffset.UtcNow;
        for (var i = _files.Count - 1; i >= 0; i--)
        {
            var file = _files[i];
            if (file.Matched || file.File.HasUnreadBytes || file.Window.InFlight > 0 || now - file.LastActive < _options.CloseInactive)
                continue;
            _positions[file.File.Identity] = file.Position(now);
            lock (_files)
                _files.RemoveAt(i);
            _byIdentity.Remove(file.File.Identity);
            file.Dispose();
            _log($"closed {file.File.Path}: no longer matched and read to its end");
        }
    }

    private void SavePositions(bool clean)
    {
        if (_store is null)
            return;
        var now = DateTimeOffset.UtcNow;
        foreach (var file in _files)
            _positions[file.File.Identity] = file.Position(file.Matched ? now : _positions.GetValueOrDefault(file.File.Identity)?.LastSeen ?? now);
        foreach (var stale in _positions.Values.Where(p => now - p.LastSeen > _options.ForgetAfter).Select(p => p.Identity).ToList())
            _positions.Remove(stale);
        _store.Save(_positions.Values, clean);
    }

    public void Dispose()
    {
        foreach (var file in _files)
            file.Dispose();
        _wake.Dispose();
    }
}
