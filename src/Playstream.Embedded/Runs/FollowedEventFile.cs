using Playstream.Core.Files;

namespace Playstream.Embedded.Runs;

/// <summary>
/// One event file of a followed run: the path as given (what plays and dead letters name as their
/// source), and the <see cref="FollowedFile"/> that reads it once it exists: a file not there yet
/// is waited for, and then read from its beginning.
/// </summary>
internal sealed class FollowedEventFile : IDisposable
{
    private FollowedFile? _file;

    private FollowedEventFile(string path, FollowedFile? file)
    {
        Path = path;
        FullPath = System.IO.Path.GetFullPath(path);
        _file = file;
    }

    /// <summary>The path as given.</summary>
    public string Path { get; }

    /// <summary>What a checkpoint knows the file by.</summary>
    public string FullPath { get; }

    /// <summary>The byte offset of the next unread line.</summary>
    public long Offset => _file?.Offset ?? 0;

    /// <summary>The number of the last line read (0 before the first).</summary>
    public long Line => _file?.Line ?? 0;

    /// <summary>A file read from its beginning.</summary>
    public static FollowedEventFile FromStart(string path) => new(path, null);

    /// <summary>
    /// The file read on from where a checkpoint left it, or from its beginning with the reason when
    /// it is gone, shorter than that, or starts with other bytes than it did (truncated and written
    /// again, or replaced).
    /// </summary>
    public static (FollowedEventFile File, string? Restart) Resume(string path, FilePosition saved)
    {
        if (saved.Offset == 0)
            return (FromStart(path), null);
        var name = System.IO.Path.GetFileName(path);
        var file = FollowedFile.Open(path);
        if (file is null)
            return (FromStart(path), $"{name} is gone since the checkpoint: it will be read from its beginning when it is back");
        string? restart = null;
        if (file.Size < saved.Offset)
            restart = $"{name} is shorter than at the checkpoint (truncated or replaced): reading it from its beginning";
        else if (!file.StartsWith(saved.Fingerprint))
            restart = $"{name} starts differently than at the checkpoint (replaced): reading it from its beginning";
        if (restart is null)
            file.StartAt(saved.Offset, saved.Line, saved.Generation);
        else
            file.StartAt(0, 0, saved.Generation + 1);
        return (new FollowedEventFile(path, file), restart);
    }

    /// <summary>
    /// Hands every whole line appended since the last call to <paramref name="onLine"/>; returns the
    /// bytes read. A file found truncated is read again from its beginning, and <paramref name="report"/> told.
    /// </summary>
    public long ReadNewLines(LineHandler onLine, Action<string>? report)
    {
        if (_file is null)
        {
            _file = FollowedFile.Open(Path);
            if (_file is null)
                return 0;
        }
        if (_file.Check() == FileChange.Truncated)
        {
            report?.Invoke($"{System.IO.Path.GetFileName(Path)} was truncated: reading it again from its beginning");
            _file.StartOver();
        }
        if (!_file.HasUnreadBytes)
            return 0;
        var before = _file.Offset;
        _file.ReadLines(onLine);
        return _file.Offset - before;
    }

    /// <summary>Where reading got to, named by the full path, as a checkpoint keeps it.</summary>
    public FilePosition Position(DateTimeOffset at) =>
        _file is null ? new FilePosition(FullPath, default, Fingerprint.Empty, 0, 0, 0, at) : _file.Position(at) with { Path = FullPath };

    public void Dispose() => _file?.Dispose();
}
