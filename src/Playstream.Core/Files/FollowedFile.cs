using Microsoft.Win32.SafeHandles;

namespace Playstream.Core.Files;

/// <summary>
/// One file being followed, by a followed run (<c>run --follow</c>) and by the shipper alike: held
/// open so that it stays the same file through renames and deletes, with its identity, where
/// reading got to (byte offset and line number), its fingerprint and its truncation generation.
/// Only complete lines are handed out: a last line without its <c>\n</c> may still be being
/// written, and waits. Used by one reading thread.
/// </summary>
public sealed class FollowedFile : IDisposable
{
    private const int BlockSize = 1 << 20;
    private readonly SafeFileHandle _handle;
    private byte[] _buffer = [];
    private long _scannedTo; // how far the last read looked, unfinished last line included

    private FollowedFile(SafeFileHandle handle, string path, FileStatus status)
    {
        _handle = handle;
        Path = path;
        Identity = status.Identity;
        Size = status.Size;
        Fingerprint = Fingerprint.Read(handle, status.Size) ?? Fingerprint.Empty;
    }

    public FileIdentity Identity { get; }

    /// <summary>The open file, for reads of its own beside the follower's (the shipper's source id reads its first line).</summary>
    public SafeFileHandle Handle => _handle;

    /// <summary>The path the file was last found under.</summary>
    public string Path { get; set; }

    /// <summary>Size at the last <see cref="Check"/> (or more, when a read found more).</summary>
    public long Size { get; private set; }

    /// <summary>Offset of the first byte not yet read into a complete line.</summary>
    public long Offset { get; private set; }

    /// <summary>The number of the last line handed out (0 before the first).</summary>
    public long Line { get; private set; }

    public Fingerprint Fingerprint { get; private set; }

    /// <summary>How many times the file was found truncated and read again from its start.</summary>
    public int Generation { get; private set; }

    /// <summary>Whether the file holds bytes the last read did not look at.</summary>
    public bool HasUnreadBytes => Size > _scannedTo;

    /// <summary>Bytes after the last complete line: an unfinished line, or nothing.</summary>
    public long PartialLineBytes => _scannedTo - Offset;

    /// <summary>Opens a file for following; null when there is none at the path (not yet, or no longer).</summary>
    public static FollowedFile? Open(string path)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        try
        {
            return new FollowedFile(handle, path, FileStatus.Of(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file starts with the bytes of a fingerprint taken earlier.</summary>
    public bool StartsWith(Fingerprint fingerprint) => fingerprint.Matches(_handle);

    /// <summary>
    /// Sets where reading starts (a line boundary), the number of the lines before it (0 when not
    /// counted), and the truncation generation.
    /// </summary>
    public void StartAt(long offset, long line = 0, int generation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        Generation = generation;
        Offset = offset;
        Line = line;
        _scannedTo = offset;
    }

    /// <summary>Reads the file again from its first byte (after a truncation), as its next generation.</summary>
    public void StartOver()
    {
        StartAt(0, 0, Generation + 1);
        Fingerprint = Fingerprint.Read(_handle, Size) ?? Fingerprint.Empty;
    }

    /// <summary>The offset right after the last <c>\n</c>: where "start at the end" starts, so that a line being written is still read whole.</summary>
    public long EndOfLastCompleteLine()
    {
        var buffer = new byte[64 * 1024];
        var end = Size;
        while (end > 0)
        {
            var start = Math.Max(0, end - buffer.Length);
            var read = RandomAccess.Read(_handle, buffer.AsSpan(0, (int)(end - start)), start);
            var newline = buffer.AsSpan(0, read).LastIndexOf((byte)'\n');
            if (newline >= 0)
                return start + newline + 1;
            end = start;
        }
        return 0;
    }

    /// <summary>Looks at the file's size and first bytes.</summary>
    public FileChange Check()
    {
        var size = FileStatus.Of(_handle).Size;
        if (size < Offset || size < Fingerprint.Length)
        {
            Size = size;
            return FileChange.Truncated;
        }
        if (size == Size)
            return FileChange.None;
        // The size moved: make sure the beginning is still the same file content (copytruncate
        // followed by new writes can leave the file longer than what was read).
        if (!Fingerprint.Matches(_handle))
        {
            Size = size;
            return FileChange.Truncated;
        }
        if (Fingerprint.Length < Fingerprint.MaxLength && size > Fingerprint.Length)
            Fingerprint = Fingerprint.Read(_handle, size) ?? Fingerprint;
        var grown = size > Size;
        Size = size;
        return grown ? FileChange.Grown : FileChange.None;
    }

    /// <summary>
    /// Hands every complete line from <see cref="Offset"/> to the end of the file to
    /// <paramref name="handler"/>, in order, advancing <see cref="Offset"/> and <see cref="Line"/>
    /// past each one it takes. A last line without its <c>\n</c> is left for later.
    /// </summary>
    /// <returns>Whether every complete line was taken (false: the handler stopped).</returns>
    public bool ReadLines(LineHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_buffer.Length == 0)
            _buffer = new byte[BlockSize];
        var pending = 0; // bytes of an unfinished line kept at the front of the buffer
        while (true)
        {
            if (pending == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2); // one line longer than a block
            var read = RandomAccess.Read(_handle, _buffer.AsSpan(pending), Offset + pending);
            if (read == 0)
            {
                _scannedTo = Offset + pending;
                return true;
            }
            var filled = pending + read;
            var start = 0;
            while (true)
            {
                var newline = _buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0)
                    break;
                var end = Offset + newline + 1;
                if (!handler(_buffer.AsSpan(start, newline), Line + 1, Offset, end))
                    return false;
                Line++;
                Offset = end;
                start += newline + 1;
            }
            pending = filled - start;
            _buffer.AsSpan(start, pending).CopyTo(_buffer);
            if (Offset + pending > Size)
                Size = Offset + pending;
        }
    }

    /// <summary>Where reading got to, as a position to keep; <paramref name="seen"/> is when the file was last found.</summary>
    public FilePosition Position(DateTimeOffset seen) => new(Path, Identity, Fingerprint, Offset, Line, Generation, seen);

    public void Dispose() => _handle.Dispose();
}
