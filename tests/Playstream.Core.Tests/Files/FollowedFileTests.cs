using System.Text;
using Playstream.Core.Files;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Files;

public class FollowedFileTests
{
    private sealed record Line(string Text, long Number, long Start, long End);

    private static List<Line> ReadAll(FollowedFile file)
    {
        var lines = new List<Line>();
        Assert.True(file.ReadLines((line, number, start, end) =>
        {
            lines.Add(new Line(Encoding.UTF8.GetString(line), number, start, end));
            return true;
        }));
        return lines;
    }

    [Fact]
    public void A_file_that_is_not_there_cannot_be_opened_yet()
    {
        using var folder = new TempFolder();
        Assert.Null(FollowedFile.Open(folder.File("later.log")));
    }

    [Fact]
    public void A_last_line_without_newline_waits_until_it_is_complete()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "ab\ncd");
        using var file = FollowedFile.Open(folder.File("a.log"))!;

        Assert.Equal([new Line("ab", 1, 0, 3)], ReadAll(file));
        Assert.Equal((3L, 1L), (file.Offset, file.Line));
        Assert.Equal(2, file.PartialLineBytes);

        folder.Append("a.log", "e\n\nf");
        Assert.Equal(FileChange.Grown, file.Check());
        Assert.Equal([new Line("cde", 2, 3, 7), new Line("", 3, 7, 8)], ReadAll(file));
        Assert.Equal(1, file.PartialLineBytes);
    }

    [Fact]
    public void A_carriage_return_stays_in_the_line_it_ends()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "a\r\nb\r\r\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        Assert.Equal([new Line("a\r", 1, 0, 3), new Line("b\r\r", 2, 3, 7)], ReadAll(file));
    }

    [Fact]
    public void Lines_longer_than_a_read_block_come_out_whole()
    {
        using var folder = new TempFolder();
        var longLine = new string('z', 3 << 20); // three blocks
        folder.Write("a.log", "x\n" + longLine + "\ny\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        var lines = ReadAll(file);
        Assert.Equal(["x", longLine, "y"], lines.Select(l => l.Text));
        Assert.Equal(2 + longLine.Length + 1 + 2, file.Offset);
        Assert.Equal(3, file.Line);
    }

    [Fact]
    public void Started_at_a_kept_position_it_goes_on_from_that_offset_and_line_number()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "one\ntwo\nthree\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        file.StartAt(4, line: 1, generation: 2); // after "one\n"

        Assert.Equal([new Line("two", 2, 4, 8), new Line("three", 3, 8, 14)], ReadAll(file));
        var position = file.Position(new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal((folder.File("a.log"), 14L, 3L, 2), (position.Path, position.Offset, position.Line, position.Generation));
        Assert.Equal(FileStatus.Of(folder.File("a.log"))!.Value.Identity, position.Identity);
        Assert.Equal(Fingerprint.Of("one\ntwo\nthree\n"u8), position.Fingerprint);
    }

    [Fact]
    public void A_shorter_file_is_truncated_and_read_again_from_its_start_as_the_next_generation()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "one\ntwo\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        ReadAll(file);
        using (var stream = new FileStream(folder.File("a.log"), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            stream.SetLength(0); // copytruncate
        Assert.Equal(FileChange.Truncated, file.Check());
        folder.Append("a.log", "three\n");
        file.StartOver();
        Assert.Equal(1, file.Generation);
        Assert.Equal([new Line("three", 1, 0, 6)], ReadAll(file));
    }

    [Fact]
    public void A_file_truncated_and_written_past_the_old_end_is_caught_by_its_fingerprint()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "1,1\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        ReadAll(file);
        // Truncated and refilled before the next look: longer than before, other first bytes.
        using (var stream = new FileStream(folder.File("a.log"), FileMode.Truncate, FileAccess.Write, FileShare.ReadWrite))
            stream.Write("2,2\n3,3\n"u8);
        Assert.Equal(FileChange.Truncated, file.Check());
    }

    [Fact]
    public void Appends_are_growth_and_an_unchanged_file_is_no_change()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "1,1\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        ReadAll(file);
        Assert.Equal(FileChange.None, file.Check());
        Assert.False(file.HasUnreadBytes);
        folder.Append("a.log", "2,2\n");
        Assert.Equal(FileChange.Grown, file.Check());
        Assert.True(file.HasUnreadBytes);
        Assert.Equal(8, file.Fingerprint.Length); // grows with the file up to 1 KiB
    }

    [Fact]
    public void The_fingerprint_stops_growing_at_its_size_however_long_the_file()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "0123456789\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        folder.Append("a.log", string.Concat(Enumerable.Repeat("0123456789\n", 999)));
        file.Check();
        ReadAll(file);
        Assert.Equal(Fingerprint.MaxLength, file.Fingerprint.Length);
        Assert.Equal((11_000L, 1000L), (file.Offset, file.Line));
    }

    [Fact]
    public void A_renamed_file_is_still_the_file_followed()
    {
        using var folder = new TempFolder();
        folder.Write("app.log", "1\n");
        using var file = FollowedFile.Open(folder.File("app.log"))!;
        ReadAll(file);
        File.Move(folder.File("app.log"), folder.File("app.log.1"));
        folder.Append("app.log.1", "2\n");
        folder.Write("app.log", "other\n");

        Assert.Equal(FileChange.Grown, file.Check());
        Assert.Equal([new Line("2", 2, 2, 4)], ReadAll(file));
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
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        Assert.Equal(expected, file.EndOfLastCompleteLine());
    }

    [Fact]
    public void A_handler_that_stops_leaves_the_line_to_be_handed_out_again()
    {
        using var folder = new TempFolder();
        folder.Write("a.log", "a\nb\nc\n");
        using var file = FollowedFile.Open(folder.File("a.log"))!;
        var seen = 0;
        Assert.False(file.ReadLines((_, _, _, _) => ++seen < 2));
        Assert.Equal((2L, 1L), (file.Offset, file.Line)); // "a\n" taken, "b" refused
        Assert.Equal([new Line("b", 2, 2, 4), new Line("c", 3, 4, 6)], ReadAll(file));
    }
}
