using System.Runtime.CompilerServices;
using System.Buffers;

namespace Playstream.Core.Sources;

/// <summary>
/// Reads a stream of <c>\n</c>-terminated lines in large blocks and hands each line
/// out as a span into its own pooled buffer: no allocation per line, and one <see cref="Stream.Read(byte[], int, int)"/>
/// call per block rather than per line.
/// </summary>
/// <remarks>
/// <para>A span returned by <see cref="TryReadLine"/> is valid only until the next call.</para>
/// <para>A line is the bytes before its <c>\n</c>: a <c>\r</c> before the <c>\n</c> is kept, as every
/// reader of play lines keeps it, and <see cref="Events.PlayLine"/> alone reads it as part of the terminator.
/// The last line of a stream needs no terminator; a stream ending in <c>\n</c> has no empty line after it.
/// A line longer than the block grows the buffer (doubling), so any line length works.</para>
/// <para>The reader may start at a byte offset and stop at a byte limit: it returns the lines that
/// <em>start</em> before the limit, each read to its end. With ranges whose boundaries fall right
/// after a <c>\n</c> (see <see cref="LineRanges.Split(string, int)"/>) every line belongs to exactly one range.</para>
/// <para>Bytes are not checked for UTF-8 here: the event parser does that, so lines from Kafka get the same check.</para>
/// </remarks>
public sealed class LineReader : IDisposable
{
    /// <summary>1 MiB: large enough that the cost of a read call is spread over thousands of lines.</summary>
    public const int DefaultBlockSize = 1 << 20;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _end;
    private byte[] _buffer;
    private int _capacity;    // bytes of _buffer in use: the block size, or more after a long line (the pool may hand out a larger array)
    private int _pos;         // start of the bytes not yet handed out
    private int _len;         // end of the bytes read so far
    private int _scanFrom;    // where the search for '\n' resumes after a refill (bytes before it hold none)
    private long _bufferOffset; // stream offset of _buffer[0]
    private bool _eof;

    /// <param name="stream">The bytes; read from its current position when it cannot seek.</param>
    /// <param name="start">Offset of the first line. A seekable stream is moved there; an unseekable one skips that many bytes.</param>
    /// <param name="end">Lines starting at or after this offset are not returned.</param>
    /// <param name="firstLineNumber">The number given to the first line (1 for a whole file).</param>
    /// <param name="blockSize">Bytes asked of the stream per read.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves the stream open.</param>
    public LineReader(Stream stream, long start = 0, long end = long.MaxValue, long firstLineNumber = 1,
        int blockSize = DefaultBlockSize, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _end = end;
        NextLineNumber = firstLineNumber;
        _capacity = blockSize;
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
        _bufferOffset = start;
        if (stream.CanSeek)
            stream.Seek(start, SeekOrigin.Begin);
        else
            Skip(start);
    }

    /// <summary>Opens a file for sequential reading; the reader owns (and closes) the file.</summary>
    public static LineReader Open(string path, long start = 0, long end = long.MaxValue, long firstLineNumber = 1,
        int blockSize = DefaultBlockSize)
    {
        // bufferSize 0: the reader's own blocks are the buffer, a second copy would only cost time.
        // FileShare.ReadWrite: a log that is still being appended to can be read.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0, FileOptions.SequentialScan);
        try
        {
            return new LineReader(file, start, end, firstLineNumber, blockSize);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Opens one range of a file, as made by <see cref="LineRanges.Split(string, int, bool)"/>.</summary>
    public static LineReader Open(string path, LineRange range, int blockSize = DefaultBlockSize) =>
        Open(path, range.Start, range.End, range.FirstLine > 0 ? range.FirstLine : 1, blockSize);

    /// <summary>Byte offset right after the last line handed out (its terminator included): where to resume.</summary>
    public long NextOffset => _bufferOffset + _pos;

    /// <summary>The number the next line will get.</summary>
    public long NextLineNumber { get; private set; }

    /// <summary>The next line, its number and the byte offset of its start; false at the end or the limit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line, out long lineNumber, out long offset)
    {
        while (true)
        {
            offset = _bufferOffset + _pos;
            if (offset >= _end)
                break;
            // Vectorised search over the whole unread block: most calls find their '\n' here.
            var newline = _buffer.AsSpan(_scanFrom, _len - _scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var stop = _scanFrom + newline;
                line = _buffer.AsSpan(_pos, stop - _pos);
                _pos = _scanFrom = stop + 1;
                lineNumber = NextLineNumber++;
                return true;
            }
            if (_eof)
            {
                if (_pos == _len)
                    break;
                line = _buffer.AsSpan(_pos, _len - _pos);
                _pos = _scanFrom = _len;
                lineNumber = NextLineNumber++;
                return true;
            }
            _scanFrom = _len; // the bytes read so far hold no '\n': search only the new ones
            Fill();
        }
        line = default;
        lineNumber = 0;
        offset = 0;
        return false;
    }

    public void Dispose()
    {
        if (_buffer.Length == 0)
            return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _pos = _len = _scanFrom = 0;
        _eof = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }

    /// <summary>Moves the unread tail to the front (growing the buffer when one line fills it) and reads more.</summary>
    private void Fill()
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        var pending = _len - _pos;
        if (_pos > 0)
        {
            // Only the part of a line cut by the block boundary moves: usually a few dozen bytes.
            _buffer.AsSpan(_pos, pending).CopyTo(_buffer);
            _bufferOffset += _pos;
            _scanFrom -= _pos;
            _pos = 0;
            _len = pending;
        }
        if (_len == _capacity)
            Grow();
        var read = _stream.Read(_buffer, _len, _capacity - _len);
        if (read == 0)
            _eof = true;
        _len += read;
    }

    private void Grow()
    {
        if (_capacity >= Array.MaxLength)
            throw new InvalidDataException($"a line at byte offset {_bufferOffset} is longer than {Array.MaxLength} bytes");
        var capacity = (int)Math.Min((long)_capacity * 2, Array.MaxLength);
        var bigger = ArrayPool<byte>.Shared.Rent(capacity);
        _buffer.AsSpan(0, _len).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
        _capacity = capacity;
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            var read = _stream.Read(_buffer, 0, (int)Math.Min(count, _buffer.Length));
            if (read == 0)
                return;
            count -= read;
        }
    }
}
