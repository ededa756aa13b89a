using System.Text;
using Playstream.Core.Sources;

namespace Playstream.Core.Tests.Sources;

public class LineReaderTests
{
    private sealed record Line(string Text, long Number, long Offset);

    private static List<Line> ReadAll(LineReader reader)
    {
        var lines = new List<Line>();
        while (reader.TryReadLine(out var span, out var number, out var offset))
            lines.Add(new Line(Encoding.UTF8.GetString(span), number, offset));
        return lines;
    }

    private static List<Line> ReadAll(string text, int blockSize, long start = 0, long end = long.MaxValue, long firstLine = 1)
    {
        using var reader = new LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), start, end, firstLine, blockSize);
        return ReadAll(reader);
    }

    [Fact]
    public void Splits_lf_and_crlf_lines_whatever_the_block_size_keeping_the_carriage_return()
    {
        // The '\r' of a CRLF stays in the line: the play line reader alone reads it as the terminator's.
        const string text = "ab\r\ncde\n\r\nf\r\n\ngh";
        Line[] expected =
        [
            new("ab\r", 1, 0),
            new("cde", 2, 4),
            new("\r", 3, 8),
            new("f\r", 4, 10),
            new("", 5, 13),
            new("gh", 6, 14),
        ];
        // Block sizes from 1 put block boundaries everywhere: inside lines and between '\r' and '\n'.
        for (var block = 1; block <= text.Length + 2; block++)
            Assert.Equal(expected, ReadAll(text, block));
    }

    [Fact]
    public void A_final_newline_does_not_make_an_empty_line()
    {
        Assert.Equal([new Line("a", 1, 0), new Line("b", 2, 2)], ReadAll("a\nb\n", 3));
        Assert.Equal([new Line("a", 1, 0), new Line("b", 2, 2)], ReadAll("a\nb", 3));
        Assert.Equal([new Line("a", 1, 0), new Line("", 2, 2)], ReadAll("a\n\n", 3));
        Assert.Empty(ReadAll("", 3));
        Assert.Equal([new Line("", 1, 0)], ReadAll("\n", 3));
    }

    [Fact]
    public void Keeps_a_carriage_return_inside_a_line_and_at_its_end()
    {
        Assert.Equal([new Line("a\rb", 1, 0)], ReadAll("a\rb\n", 2));
        Assert.Equal([new Line("x\r", 1, 0)], ReadAll("x\r", 2));
    }

    [Fact]
    public void Grows_past_the_block_for_long_lines()
    {
        var longLine = new string('x', 10_000);
        var lines = ReadAll($"a\n{longLine}\r\nb\n{longLine}", 4);
        Assert.Equal([new Line("a", 1, 0), new Line(longLine + "\r", 2, 2), new Line("b", 3, 10_004), new Line(longLine, 4, 10_006)], lines);
    }

    [Fact]
    public void Starts_at_an_offset_and_stops_at_a_limit()
    {
        const string text = "aa\nbbb\ncc\ndd\n";
        //                   0   3    7   10  13
        Assert.Equal([new Line("bbb", 2, 3), new Line("cc", 3, 7)], ReadAll(text, 2, start: 3, end: 10, firstLine: 2));
        // The limit keeps whole lines: a line that starts before it is read to its end.
        Assert.Equal([new Line("bbb", 1, 3)], ReadAll(text, 2, start: 3, end: 4));
        Assert.Equal([new Line("dd", 9, 10)], ReadAll(text, 5, start: 10, firstLine: 9));
        Assert.Empty(ReadAll(text, 2, start: 3, end: 3));
        Assert.Empty(ReadAll(text, 2, start: 13));
    }

    [Fact]
    public void Skips_to_the_offset_on_a_stream_that_cannot_seek()
    {
        using var reader = new LineReader(new ForwardOnlyStream(Encoding.UTF8.GetBytes("aa\nbbb\ncc")), start: 3, blockSize: 2);
        Assert.Equal([new Line("bbb", 1, 3), new Line("cc", 2, 7)], ReadAll(reader));
    }

    [Fact]
    public void Tells_where_to_resume()
    {
        using var reader = new LineReader(new MemoryStream("ab\r\ncd\nef"u8.ToArray()), blockSize: 3);
        Assert.Equal(0, reader.NextOffset);
        Assert.True(reader.TryReadLine(out _, out _, out _));
        Assert.Equal(4, reader.NextOffset);
        Assert.Equal(2, reader.NextLineNumber);
        Assert.True(reader.TryReadLine(out _, out _, out _));
        Assert.Equal(7, reader.NextOffset);
        Assert.True(reader.TryReadLine(out _, out _, out _));
        Assert.Equal(9, reader.NextOffset);
        Assert.False(reader.TryReadLine(out _, out _, out _));
    }

    [Fact]
    public void Agrees_with_a_plain_split_on_random_text()
    {
        var random = new Random(42);
        for (var round = 0; round < 300; round++)
        {
            var text = new StringBuilder();
            var count = random.Next(0, 12);
            for (var i = 0; i < count; i++)
            {
                text.Append('x', random.Next(0, 9)).Append(random.Next(3) switch { 0 => "\r\n", 1 => "\n", _ => "y\n" });
            }
            if (random.Next(2) == 0)
                text.Append('z', random.Next(1, 5)); // a last line without a newline

            var expected = new List<Line>();
            var offset = 0;
            var pieces = text.ToString().Split('\n');
            for (var i = 0; i < pieces.Length; i++)
            {
                if (i == pieces.Length - 1 && pieces[i].Length == 0)
                    break; // after the last '\n'
                expected.Add(new Line(pieces[i], i + 1, offset));
                offset += pieces[i].Length + 1;
            }

            Assert.Equal(expected, ReadAll(text.ToString(), random.Next(1, 24)));
        }
    }

    [Fact]
    public void Handles_streams_that_return_less_than_asked()
    {
        using var reader = new LineReader(new ForwardOnlyStream("one\r\ntwo\nthree"u8.ToArray()), blockSize: 64);
        Assert.Equal([new Line("one\r", 1, 0), new Line("two", 2, 5), new Line("three", 3, 9)], ReadAll(reader));
    }

    [Fact]
    public void Opens_a_file_and_closes_it_on_dispose()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "1\n22\n333\n");
            using (var reader = LineReader.Open(path, start: 2, blockSize: 2))
            {
                Assert.Equal([new Line("22", 1, 2), new Line("333", 2, 5)], ReadAll(reader));
                // An exclusive open is refused while the reader holds the file...
                Assert.Throws<IOException>(() => File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None));
            }
            // ...and granted once it is disposed.
            File.Open(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None).Dispose();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Leaves_the_stream_open_when_asked()
    {
        var stream = new MemoryStream("a\n"u8.ToArray());
        new LineReader(stream, leaveOpen: true).Dispose();
        Assert.True(stream.CanRead);
        new LineReader(stream).Dispose();
        Assert.False(stream.CanRead);
    }

    [Fact]
    public void Reading_lines_allocates_nothing_per_line()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("0,48,453,\"2014-10-23 03:26:20\",0,\"72132\"\r\n", 20_000)));
        using var reader = new LineReader(new MemoryStream(text), blockSize: 4096);
        Assert.True(reader.TryReadLine(out _, out _, out _)); // first block read outside the measurement
        var lines = 1L;
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (reader.TryReadLine(out var line, out _, out _))
            lines += line.Length > 0 ? 1 : 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(20_000, lines);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated over 20000 lines");
    }

    /// <summary>A stream that cannot seek and returns at most 3 bytes per read.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private int _pos;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 3), bytes.Length - _pos);
            Array.Copy(bytes, _pos, buffer, offset, n);
            _pos += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
