namespace Playstream.Shipping.Files;

/// <summary>
/// Wakes the shipper as soon as something changes in the folders its patterns look in, so new
/// lines and new files do not wait for the next poll. Only a hint: polling still finds everything
/// (notifications can be lost, and some file systems send none).
/// </summary>
internal sealed class FolderWatcher : IDisposable
{
    private readonly List<FileSystemWatcher> _watchers = [];

    public FolderWatcher(IEnumerable<PathPattern> patterns, EventWaitHandle wake)
    {
        foreach (var folder in patterns.Select(p => p.WatchFolder).Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(folder))
                continue;
            try
            {
                var watcher = new FileSystemWatcher(folder)
                {
                    NotifyFilter = NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.LastWrite,
                };
                void Wake(object? sender, EventArgs e) => wake.Set();
                watcher.Changed += Wake;
                watcher.Created += Wake;
                watcher.Renamed += Wake;
                watcher.Error += Wake;
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
            {
                // Out of inotify watches, say: polling alone still works.
            }
        }
    }

    public void Dispose()
    {
        foreach (var watcher in _watchers)
            watcher.Dispose();
    }
}
