using System.Text;
using Playstream.Shipping.Tailing;

namespace Playstream.Shipping.Tests.Tailing;

public class TrackedFileTests
{
    private static List<(string Line, long Start, long End)> ReadAll(TrackedFile file)
    {
        var lines = new List<(string, long, long)>();
        Assert.True(file.ReadLines((line, start, end) =>
        {
            lines.Add((Encoding.UTF8.GetString(line), start, end));
            return true;
        }));
        return lines;
    }

    [Fact]
    public void A_last_line_without_newline_waits_until_it_is_complete()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "ab\ncd");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0);

        Assert.Equal([("ab", 0L, 3L)], ReadAll(file));
        Assert.Equal(3, file.ReadOffset);
        Assert.Equal(2, file.PartialLineBytes);

        folder.Append("a.log", "e\nf");
        Assert.Equal(FileChange.Grown, file.Check());
        Assert.Equal([("cde", 3L, 7L)], ReadAll(file));
        Assert.Equal(1, file.PartialLineBytes);
    }

    [Fact]
    public void Lines_longer_than_a_read_block_come_out_whole()
    {
        using var folder = new TempFolder();
        var longLine = new string('z', 3 << 20); // three blocks
        folder.Write("a.log", "x\n" + longLine + "\ny\n");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0);
        var lines = ReadAll(file);
        Assert.Equal(["x", longLine, "y"], lines.Select(l => l.Line));
        Assert.Equal(2 + longLine.Length + 1 + 2, file.ReadOffset);
    }

    [Fact]
    public void A_shorter_file_is_truncated()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "one\ntwo\n");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0);
        ReadAll(file);
        using (var stream = new FileStream(folder.File("a.log"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            stream.SetLength(0); // copytruncate
        Assert.Equal(FileChange.Truncated, file.Check());
        folder.Append("a.log", "three\n");
        file.StartOver();
        Assert.Equal([("three", 0L, 6L)], ReadAll(file));
    }

    [Fact]
    public void A_file_truncated_and_written_past_the_old_end_is_caught_by_its_fingerprint()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "1,1\n");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0);
        ReadAll(file);
        // Truncated and refilled before the next look: longer than before, other first bytes.
        using (var stream = new FileStream(folder.File("a.log"), FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            stream.Write("2,2\n3,3\n"u8);
        Assert.Equal(FileChange.Truncated, file.Check());
    }

    [Fact]
    public void Starting_over_is_the_next_generation_with_the_source_id_of_the_new_first_line()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "same first\n");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0, generation: 4);
        var before = file.SourceId;
        Assert.Equal(Playstream.Shipping.Files.SourceId.Of(file.Identity, 4, "same first\n"u8), before);

        using (var stream = new FileStream(folder.File("a.log"), FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            stream.Write("same first\n"u8); // copytruncate, then the same first line again
        file.StartOver();

        Assert.Equal(5, file.Generation);
        Assert.Equal(Playstream.Shipping.Files.SourceId.Of(file.Identity, 5, "same first\n"u8), file.SourceId);
        Assert.NotEqual(before, file.SourceId);
    }

    [Fact]
    public void Appends_are_growth_and_an_unchanged_file_is_no_change()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "1,1\n");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0);
        ReadAll(file);
        Assert.Equal(FileChange.None, file.Check());
        Assert.False(file.HasUnreadBytes);
        folder.Append("a.log", "2,2\n");
        Assert.Equal(FileChange.Grown, file.Check());
        Assert.True(file.HasUnreadBytes);
        Assert.Equal(8, file.Fingerprint.Length); // grows with the file up to 1 KiB
    }

    [Theory]
    [InlineData("a\nb\nunfinished", 4)]
    [InlineData("a\nb\n", 4)]
    [InlineData("no newline at all", 0)]
    [InlineData("", 0)]
    public void The_end_of_the_last_complete_line(string text, long expected)
    {
        using var folder = new TempFolder();
        folder.Write("a.log", text);
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        Assert.Equal(expected, file.EndOfLastCompleteLine());
    }

    [Fact]
    public void A_handler_that_stops_leaves_the_line_unread()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "a\nb\nc\n");
        using var file = TrackedFile.Open(folder.File("a.log"))!;
        file.StartAt(0);
        var seen = 0;
        Assert.False(file.ReadLines((_, _, _) => ++seen < 2));
        Assert.Equal(2, file.ReadOffset); // "a\n" taken, "b" refused
    }
}
