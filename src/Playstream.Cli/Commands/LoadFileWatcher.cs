using System.Diagnostics;

namespace Playstream.Cli.Commands;

/// <summary>
/// Tells when a file has changed and then stayed still for a second. A FileSystemWatcher
/// gives quick notice; polling the file's length and write time backs it up where change
/// events do not arrive (network shares, some containers, editors that replace the file).
/// </summary>
internal sealed class LoadFileWatcher : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly string _path;
    private readonly FileSystemWatcher? _watcher;
    private long _events;
    private long _handledEvents;
    private (bool Exists, long Length, DateTime Written) _handledStamp;

    public LoadFileWatcher(string path)
    {
        _path = Path.GetFullPath(path);
        _handledStamp = Stamp();
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnEvent;
            _watcher.Created += OnEvent;
            _watcher.Deleted += OnEvent;
            _watcher.Renamed += OnEvent;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // No change events here (e.g. out of inotify watches): polling alone still works.
            _watcher = null;
        }
    }

    /// <summary>Returns once the file has changed since the last return (or since construction) and then been quiet for <see cref="Debounce"/>.</summary>
    public async Task WaitForChangeAsync(CancellationToken cancel)
    {
        while (Volatile.Read(ref _events) == _handledEvents && Stamp() == _handledStamp)
            await Task.Delay(PollInterval, cancel).ConfigureAwait(false);
        while (true)
        {
            var events = Volatile.Read(ref _events);
            var stamp = Stamp();
            var still = Stopwatch.StartNew();
            // A timer may fire a little before its time (it did, by half a millisecond): the wait is made whole.
            while (still.Elapsed < Debounce)
                await Task.Delay(Debounce - still.Elapsed + TimeSpan.FromMilliseconds(1), cancel).ConfigureAwait(false);
            if (events == Volatile.Read(ref _events) && stamp == Stamp())
            {
                _handledEvents = events;
                _handledStamp = stamp;
                return;
            }
        }
    }

    public void Dispose() => _watcher?.Dispose();

    private void OnEvent(object sender, FileSystemEventArgs e) => Interlocked.Increment(ref _events);

    private (bool, long, DateTime) Stamp()
    {
        var info = new FileInfo(_path);
        return info.Exists ? (true, info.Length, info.LastWriteTimeUtc) : (false, 0, default);
    }
}
