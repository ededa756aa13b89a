using System.Buffers;

namespace Playstream.Core.Generation;

/// <summary>
/// The lines of an existing log, one by one, read as bytes so that they are copied exactly.
/// With <see cref="ReplayTime.Now"/> the fourth field (the datetime) is replaced with the current
/// time, quoted; a line with fewer than five fields is copied unchanged, for the pipeline to
/// reject as it would have. Blank lines are skipped; line ends are written as <c>\n</c>.
/// </summary>
internal sealed class ReplayedLiveLines(string sourcePath, ReplayTime replayTime) : ILiveLineSource
{
    private readonly Stream _source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
    private readonly EventLineFormatter _formatter = new();
    private byte[] _line = new byte[256];
    private int _length;

    public bool TryAppendLine(ArrayBufferWriter<byte> output, long nowSeconds)
    {
        do
        {
            if (!ReadLine())
                return false;
        }
        while (_line.AsSpan(0, _length).Trim((byte)' ').IsEmpty);

        var line = _line.AsSpan(0, _length);
        if (replayTime == ReplayTime.Now && TimeField(line) is var (start, end))
        {
            output.Write(line[..start]);
            var span = output.GetSpan(21);
            span[0] = (byte)'"';
            _formatter.FormatTime(span[1..], nowSeconds);
            span[20] = (byte)'"';
            output.Advance(21);
            output.Write(line[end..]);
        }
        else
        {
            output.Write(line);
        }
        output.Write("\n"u8);
        return true;
    }

    /// <summary>Where the datetime field starts and ends: between the third and the fourth comma.</summary>
    internal static (int Start, int End)? TimeField(ReadOnlySpan<byte> line)
    {
        var start = 0;
        for (var commas = 0; commas < 3; commas++)
        {
            var next = line[start..].IndexOf((byte)',');
            if (next < 0)
                return null;
            start += next + 1;
        }
        var length = line[start..].IndexOf((byte)',');
        return length < 0 ? null : (start, start + length);
    }

    /// <summary>Reads the next line without its <c>\n</c> or <c>\r\n</c> into <see cref="_line"/>.</summary>
    private bool ReadLine()
    {
        _length = 0;
        int b;
        while ((b = _source.ReadByte()) >= 0)
        {
            if (b == '\n')
                break;
            if (_length == _line.Length)
                Array.Resize(ref _line, _line.Length * 2);
            _line[_length++] = (byte)b;
        }
        if (b < 0 && _length == 0)
            return false;
        if (_length > 0 && _line[_length - 1] == '\r')
            _length--;
        return true;
    }

    public void Dispose() => _source.Dispose();
}
