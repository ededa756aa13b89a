using System.Text;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Tests.Store;

namespace Playstream.Embedded.Tests.Runs;

public sealed class FileTailTests
{
    private static List<(string Line, long Number)> Read(FileTail tail)
    {
        var lines = new List<(string, long)>();
        tail.ReadNewLines((line, number) => lines.Add((Encoding.UTF8.GetString(line), number)));
        return lines;
    }

    [Fact]
    public void Whole_lines_are_read_as_they_come_and_a_line_without_its_newline_waits()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        using var tail = new FileTail(path);
        Assert.Empty(Read(tail)); // not there yet

        File.WriteAllText(path, "a\nbb\ncc");
        Assert.Equal([("a", 1L), ("bb", 2L)], Read(tail));
        Assert.Equal(5, tail.Offset); // "a\nbb\n"
        Assert.Equal(2, tail.Line);

        File.AppendAllText(path, "c\n\nd\n");
        Assert.Equal([("ccc", 3L), ("", 4L), ("d", 5L)], Read(tail));
        Assert.Equal(new FileInfo(path).Length, tail.Offset);
        Assert.Equal(5, tail.Line);
    }

    [Fact]
    public void A_tail_started_at_a_position_goes_on_from_its_offset_and_line_number()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        File.WriteAllText(path, "one\ntwo\nthree\n");
        File.AppendAllText(path, "four\n");

        // As a checkpoint taken after line 1 ("one\n", 4 bytes) would have it.
        using var second = new FileTail(path, new FilePosition(Path.GetFullPath(path), 4, 1, FileFingerprint.Empty));
        Assert.Equal([("two", 2L), ("three", 3L), ("four", 4L)], Read(second));
        Assert.Equal(new FileInfo(path).Length, second.Position().Offset);
    }

    [Fact]
    public void A_position_names_the_file_by_its_full_path_and_fingerprints_what_was_read()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        File.WriteAllText(path, "first line\npartial");
        using var tail = new FileTail(path);
        Assert.Equal(0, tail.Position().Fingerprint.Length); // nothing read yet
        tail.ReadNewLines((_, _) => { });

        var position = tail.Position();
        Assert.Equal(Path.GetFullPath(path), position.Path);
        Assert.Equal(11, position.Offset);
        Assert.Equal(1, position.Line);
        // The fingerprint covers the bytes read, not the line still being written.
        Assert.Equal(11, position.Fingerprint.Length);
    }

    [Fact]
    public void The_fingerprint_stops_growing_at_its_size_however_long_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("0123456789\n", 1000)));
        using var tail = new FileTail(path);
        tail.ReadNewLines((_, _) => { });
        Assert.Equal(FileFingerprint.MaxLength, tail.Position().Fingerprint.Length);
        Assert.Equal(11_000, tail.Position().Offset);
    }
}
