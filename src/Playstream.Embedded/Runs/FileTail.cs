namespace Playstream.Embedded.Runs;

/// <summary>
/// Reads the whole lines appended to a file since the last call; a last line without its
/// newline yet stays unread until it has one. A file that does not exist yet is waited for.
/// </summary>
internal sealed class FileTail(string path) : IDisposable
{
    public delegate void LineHandler(ReadOnlySpan<byte> line, long lineNumber);

    private FileStream? _stream;
    private byte[] _buffer = new byte[1 << 16];
    private int _kept;
    private long _lineNumber;

    public string Path { get; } = path;

    /// <summary>Hands every new whole line (without its <c>\n</c>) to <paramref name="onLine"/>; returns the bytes consumed.</summary>
    public long ReadNewLines(LineHandler onLine)
    {
        if (_stream is null)
        {
            if (!File.Exists(Path))
                return 0;
            _stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
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
                onLine(_buffer.AsSpan(start, newline - start), ++_lineNumber);
                consumed += newline + 1 - start;
                start = newline + 1;
            }
            _kept = filled - start;
            Buffer.BlockCopy(_buffer, start, _buffer, 0, _kept);
            if (_kept == _buffer.Length)
                Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        return consumed;
    }

    public void Dispose() => _stream?.Dispose();
}
