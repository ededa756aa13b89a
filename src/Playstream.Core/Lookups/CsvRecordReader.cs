using System.Text;

namespace Playstream.Core.Lookups;

/// <summary>
/// Reads RFC 4180 records from text: fields separated by commas, records by <c>\n</c> or <c>\r\n</c>,
/// a field wrapped in double quotes may hold commas, line breaks and <c>""</c> (one quote).
/// </summary>
/// <remarks>
/// Lookup files are small, so this favours clarity over speed. A record that breaks the format
/// is still returned, with <see cref="CsvRecord.Error"/> set, so that the caller can report it with
/// its line number and decide what to do; reading goes on after it:
/// a quote inside an unquoted field and text after a closing quote are kept as text, and a
/// quote that is never closed takes the rest of the input into its field (as RFC 4180 reads it).
/// </remarks>
public sealed class CsvRecordReader
{
    private const int End = -1;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[4096];
    private int _pos;
    private int _len;
    private long _line = 1;

    public CsvRecordReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>Reads one line of text as a single record (for files read line by line).</summary>
    public static CsvRecord ParseLine(string line, long lineNumber = 1)
    {
        using var text = new StringReader(line);
        var record = new CsvRecordReader(text).Read() ?? new CsvRecord([string.Empty], 1, string.Empty, null);
        return record with { Line = lineNumber };
    }

    /// <summary>The next record, or null at the end of the text.</summary>
    public CsvRecord? Read()
    {
        if (Peek() == End)
            return null;
        var startLine = _line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var raw = new StringBuilder();
        string? error = null;

        while (true)
        {
            // At the start of a field.
            var c = Next(raw);
            if (c == '"')
            {
                if (!ReadQuoted(field, raw))
                {
                    error ??= $"the quote opened on line {startLine} is never closed";
                    fields.Add(field.ToString());
                    return new CsvRecord(fields, startLine, raw.ToString(), error);
                }
                c = Next(raw);
                if (c is not (',' or '\n' or End) && !IsCrLf(c))
                {
                    error ??= "text follows a closing quote";
                    field.Append((char)c);
                    c = ReadUnquoted(field, raw, ref error);
                }
            }
            else if (c is not (',' or '\n' or End) && !IsCrLf(c))
            {
                field.Append((char)c);
                c = ReadUnquoted(field, raw, ref error);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (c != ',')
                return new CsvRecord(fields, startLine, TrimTerminator(raw), error);
        }
    }

    /// <summary>Reads a quoted field's value after its opening quote; false when the text ends first.</summary>
    private bool ReadQuoted(StringBuilder field, StringBuilder raw)
    {
        while (true)
        {
            var c = Next(raw);
            switch (c)
            {
                case End:
                    return false;
                case '"' when Peek() == '"':
                    Next(raw);
                    field.Append('"');
                    break;
                case '"':
                    return true;
                default:
                    field.Append((char)c);
                    break;
            }
        }
    }

    /// <summary>Reads the rest of an unquoted field; returns what ended it: ',', '\n' or <see cref="End"/>.</summary>
    private int ReadUnquoted(StringBuilder field, StringBuilder raw, ref string? error)
    {
        while (true)
        {
            var c = Next(raw);
            if (c is ',' or '\n' or End)
                return c;
            if (IsCrLf(c))
                return '\n';
            if (c == '"')
                error ??= "a quote is inside an unquoted field";
            field.Append((char)c);
        }
    }

    /// <summary>A '\r' that starts a "\r\n" terminator (the '\n' is consumed, and trimmed from the raw text
    /// with the '\r' at the record's end); a lone '\r' is text.</summary>
    private bool IsCrLf(int c)
    {
        if (c != '\r' || Peek() != '\n')
            return false;
        _pos++;
        _line++;
        return true;
    }

    private static string TrimTerminator(StringBuilder raw)
    {
        var length = raw.Length;
        if (length > 0 && raw[length - 1] == '\n')
            length--;
        if (length > 0 && raw[length - 1] == '\r')
            length--;
        return raw.ToString(0, length);
    }

    private int Next(StringBuilder raw)
    {
        if (_pos == _len && !Refill())
            return End;
        var c = _buffer[_pos++];
        if (c == '\n')
            _line++;
        raw.Append(c);
        return c;
    }

    private int Peek() => _pos < _len || Refill() ? _buffer[_pos] : End;

    private bool Refill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }
}
