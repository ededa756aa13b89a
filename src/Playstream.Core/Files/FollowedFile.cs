using Microsoft.Win32.SafeHandles;
using Playstream.Shipping.Delivery;
using Playstream.Shipping.Files;

namespace Playstream.Shipping.Tailing;

/// <summary>
/// One file being followed, held open so that it stays the same file through renames and
/// deletes: where reading has got to, its fingerprint, its truncation generation and source id,
/// and the window of lines sent but not yet acknowledged. Used by one reading thread.
/// </summary>
public sealed class TrackedFile : IDisposable
{
    private const int BlockSize = 1 << 20;
    private readonly SafeFileHandle _handle;
    private byte[] _buffer = [];
    private long _scannedTo; // how far the last read looked, unfinished last line included
    private ulong? _sourceId;

    private TrackedFile(SafeFileHandle handle, string path, FileStatus status, int windowCapacity)
    {
        _handle = handle;
        Path = path;
        Identity = status.Identity;
        Size = status.Size;
        WindowCapacity = windowCapacity;
        Fingerprint = Fingerprint.Read(handle, status.Size) ?? Fingerprint.Empty;
        Window = new AckWindow(0, windowCapacity);
    }

    public FileIdentity Identity { get; }

    /// <summary>The path the file was last found under.</summary>
    public string Path { get; set; }

    /// <summary>Size at the last <see cref="Check"/>.</summary>
    public long Size { get; private set; }

    /// <summary>Offset of the first byte not yet read into a complete line.</summary>
    public long ReadOffset { get; private set; }

    public Fingerprint Fingerprint { get; private set; }

    /// <summary>Lines in flight; replaced when the file starts over, so late acknowledgements of the old content move nothing.</summary>
    public AckWindow Window { get; private set; }

    public int WindowCapacity { get; }

    /// <summary>How many times the file was found truncated and shipped again from its start (kept with its position).</summary>
    public int Generation { get; private set; }

    /// <summary>
    /// The id of this incarnation of the file (see <see cref="Files.SourceId"/>), carried in the key
    /// of every line. Read from the file's first line when first asked, which is after a complete
    /// line was read, so the first line is whole by then.
    /// </summary>
    public ulong SourceId => _sourceId ??= Files.SourceId.Of(_handle, Identity, Generation);

    /// <summary>Whether the last scan found the file under a path that matches the patterns.</summary>
    public bool Matched { get; set; } = true;

    /// <summary>When reading last found something new, or the file was last matched; idle files that no longer match are closed.</summary>
    public DateTimeOffset LastActive { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Opens a file for following; null when it vanished first.</summary>
    public static TrackedFile? Open(string path, int windowCapacity = AckWindow.DefaultCapacity)
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
            return new TrackedFile(handle, path, FileStatus.Of(handle), windowCapacity);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether the file starts with the bytes of a fingerprint taken earlier.</summary>
    public bool StartsWith(Fingerprint fingerprint) => fingerprint.Matches(_handle);

    /// <summary>Whether the file holds bytes the last read did not look at.</summary>
    public bool HasUnreadBytes => Size > _scannedTo;

    /// <summary>Bytes after the last complete line: an unfinished line, or nothing.</summary>
    public long PartialLineBytes => _scannedTo - ReadOffset;

    /// <summary>Sets where reading starts (a line boundary), what counts as acknowledged, and the truncation generation.</summary>
    public void StartAt(long offset, int generation = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        Generation = generation;
        _sourceId = null;
        ReadOffset = offset;
        _scannedTo = offset;
        Window = new AckWindow(offset, WindowCapacity);
    }

    /// <summary>Reads the file again from its first byte (after a truncation), as its next generation.</summary>
    public void StartOver()
    {
        StartAt(0, Generation + 1);
        Fingerprint = Fingerprint.Read(_handle, Size) ?? Fingerprint.Empty;
    }

    /// <summary>The offset right after the last <c>\n</c>: where "start at the end" starts, so that a line being written is still shipped whole.</summary>
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
        if (size < ReadOffset || (size < Fingerprint.Length))
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
    /// Hands every complete line from <see cref="ReadOffset"/> to the end of the file to
    /// <paramref name="handler"/>, in order, advancing <see cref="ReadOffset"/> past each one it
    /// takes. A last line without its <c>\n</c> is left for later: it may still be being written.
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
            var read = RandomAccess.Read(_handle, _buffer.AsSpan(pending), ReadOffset + pending);
            if (read == 0)
            {
                _scannedTo = ReadOffset + pending;
                return true;
            }
            var filled = pending + read;
            var start = 0;
            while (true)
            {
                var newline = _buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0)
                    break;
                var end = start + newline + 1;
                if (!handler(_buffer.AsSpan(start, newline), ReadOffset, ReadOffset + newline + 1))
                    return false;
                ReadOffset += newline + 1;
                start = end;
            }
            pending = filled - start;
            _buffer.AsSpan(start, pending).CopyTo(_buffer);
            if (ReadOffset + pending > Size)
                Size = ReadOffset + pending;
        }
    }

    public void Dispose() => _handle.Dispose();
}
