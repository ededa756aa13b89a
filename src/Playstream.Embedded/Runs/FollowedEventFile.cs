namespace Playstream.Embedded.Runs;

/// <summary>
/// Reads the whole lines appended to a file since the last call; a last line without its
/// newline yet stays unread until it has one. A file that does not exist yet is waited for.
/// Starts at the beginning, or at a <see cref="FilePosition"/> a checkpoint kept, and tells at
/// any time between two calls where it got to (<see cref="Position"/>).
/// </summary>
internal sealed class FileTail : IDisposable
{
    public delegate void LineHandler(ReadOnlySpan<byte> line, long lineNumber);

    private FileStream? _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _kept;
    private FileFingerprint? _fullFingerprint;
    private readonly FileFingerprint _startFingerprint;

    public FileTail(string path, FilePosition? from = null)
    {
        Path = path;
        FullPath = System.IO.Path.GetFullPath(path);
        Offset = from?.Offset ?? 0;
        Line = from?.Line ?? 0;
        _startFingerprint = from?.Fingerprint ?? FileFingerprint.Empty;
    }

    /// <summary>The path as given: what dead letters and plays name as their source.</summary>
    public string Path { get; }

    public string FullPath { get; }

    /// <summary>The byte offset of the next unread line.</summary>
    public long Offset { get; private set; }

    /// <summary>The number of the last line handed out (0 before the first).</summary>
    public long Line { get; private set; }

    /// <summary>Hands every new whole line (without its <c>\n</c>) to <paramref name="onLine"/>; returns the bytes consumed.</summary>
    public long ReadNewLines(LineHandler onLine)
    {
        if (_stream is null)
        {
            if (!File.Exists(Path))
                return 0;
            _stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            _stream.Seek(Offset, SeekOrigin.Begin);
        }
        long consumed = 0;
        int read;
        while ((read = _stream.Read(_buffer, _kept, _buffer.Length - _kept)) > 0)
        {
            var filled = _kept + read;
            var start = 0;
            int newline;
            while ((newline = Array.IndexOf(_buffer, (byte)'\n', start, filled - start)) >= 0)
            {
                onLine(_buffer.AsSpan(start, newline - start), ++Line);
                consumed += newline + 1 - start;
                Offset += newline + 1 - start;
                start = newline + 1;
            }
            _kept = filled - start;
            Buffer.BlockCopy(_buffer, start, _buffer, 0, _kept);
            if (_kept == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        return consumed;
    }

    /// <summary>
    /// Where reading got to, with the fingerprint of the bytes read so far, taken from the file
    /// this tail has open (so it is of the file read, even if the path now names another).
    /// </summary>
    public FilePosition Position()
    {
        if (_stream is null || Offset == 0)
            return new FilePosition(FullPath, Offset, Line, _stream is null ? _startFingerprint : FileFingerprint.Empty);
        // The first bytes of a log never change: once a fingerprint covers all it can, it is kept.
        var fingerprint = _fullFingerprint ?? FileFingerprint.Of(_stream.SafeFileHandle, Offset);
        if (fingerprint.Length == FileFingerprint.MaxLength)
            _fullFingerprint = fingerprint;
        return new FilePosition(FullPath, Offset, Line, fingerprint);
    }

    public void Dispose() => _stream?.Dispose();
}
