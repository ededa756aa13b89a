using System.Text;
using Playstream.Core.Sources;

namespace Playstream.Core.Tests.Sources;

public sealed class LineRangesTests : IDisposable
{
    private readonly string _path = Path.GetTempFileName();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Ranges_cover_the_file_with_cuts_right_after_newlines()
    {
        var random = new Random(7);
        var text = new StringBuilder();
        for (var i = 0; i < 500; i++)
            text.Append('a', random.Next(0, 40)).Append(i % 3 == 0 ? "\r\n" : "\n");
        text.Append("last line without newline");
        File.WriteAllText(_path, text.ToString());
        var bytes = File.ReadAllBytes(_path);

        foreach (var parts in new[] { 1, 2, 3, 7, 16, 100 })
        {
            var ranges = LineRanges.Split(_path, parts, numberLines: true);
            Assert.InRange(ranges.Count, 1, parts);
            Assert.Equal(0, ranges[0].Start);
            Assert.Equal(bytes.Length, ranges[^1].End);
            for (var r = 0; r < ranges.Count; r++)
            {
                Assert.True(ranges[r].Length > 0);
                if (r > 0)
                {
                    Assert.Equal(ranges[r - 1].End, ranges[r].Start);
                    Assert.Equal((byte)'\n', bytes[ranges[r].Start - 1]);
                }
                // The first line's number, counted independently.
                Assert.Equal(1 + bytes.AsSpan(0, (int)ranges[r].Start).Count((byte)'\n'), ranges[r].FirstLine);
            }
        }
    }

    [Fact]
    public void Reading_every_range_gives_every_line_once_with_its_number()
    {
        var lines = Enumerable.Range(1, 300).Select(i => new string('q', i % 17) + i).ToList();
        File.WriteAllText(_path, string.Join("\n", lines) + "\n");

        var seen = new List<(long, string)>();
        foreach (var range in LineRanges.Split(_path, 5, numberLines: true))
        {
            using var reader = LineReader.Open(_path, range, blockSize: 16);
            while (reader.TryReadLine(out var line, out var number, out _))
                seen.Add((number, Encoding.UTF8.GetString(line)));
        }

        Assert.Equal(lines.Select((l, i) => ((long)i + 1, l)), seen);
    }

    [Fact]
    public void Cuts_fall_on_line_boundaries_that_are_exactly_on_target()
    {
        File.WriteAllText(_path, "aaa\nbbb\n"); // target for 2 parts is 4, right after the first '\n'
        Assert.Equal([new LineRange(0, 4, 0), new LineRange(4, 8, 0)], LineRanges.Split(_path, 2));
    }

    [Fact]
    public void Returns_fewer_ranges_when_lines_are_long()
    {
        File.WriteAllText(_path, new string('x', 1000) + "\nshort\n");
        Assert.Equal([new LineRange(0, 1001, 1), new LineRange(1001, 1007, 2)], LineRanges.Split(_path, 4, numberLines: true));
        File.WriteAllText(_path, new string('x', 1000));
        Assert.Equal([new LineRange(0, 1000, 0)], LineRanges.Split(_path, 3));
    }

    [Fact]
    public void An_empty_file_has_no_ranges()
    {
        File.WriteAllText(_path, "");
        Assert.Empty(LineRanges.Split(_path, 4));
    }

    [Fact]
    public void Needs_at_least_one_part() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LineRanges.Split(_path, 0));
}
