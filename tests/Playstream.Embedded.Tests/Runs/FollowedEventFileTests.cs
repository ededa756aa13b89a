using System.Text;
using Playstream.Core.Files;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Tests.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

public sealed class FollowedEventFileTests
{
    private static readonly DateTimeOffset At = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static List<(string Line, long Number)> Read(FollowedEventFile file, List<string>? reports = null)
    {
        var lines = new List<(string, long)>();
        file.ReadNewLines((line, number, _, _) =>
        {
            lines.Add((Encoding.UTF8.GetString(line), number));
            return true;
        }, reports is null ? null : reports.Add);
        return lines;
    }

    /// <summary>Where a followed file that read the whole of <paramref name="text"/> got to.</summary>
    private static FilePosition PositionAfterReading(string path, string text)
    {
        File.WriteAllText(path, text);
        using var file = FollowedEventFile.FromStart(path);
        Read(file);
        return file.Position(At);
    }

    [Fact]
    public void A_file_not_there_yet_is_waited_for_then_read_as_lines_come()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        using var file = FollowedEventFile.FromStart(path);
        Assert.Empty(Read(file));
        Assert.Equal(0, file.Position(At).Offset);

        File.WriteAllText(path, "a\nbb\ncc");
        Assert.Equal([("a", 1L), ("bb", 2L)], Read(file));
        File.AppendAllText(path, "c\n\nd\n");
        Assert.Equal([("ccc", 3L), ("", 4L), ("d", 5L)], Read(file));
        Assert.Equal((new FileInfo(path).Length, 5L), (file.Offset, file.Line));
    }

    [Fact]
    public void A_position_names_the_file_by_its_full_path()
    {
        using var folder = new TempFolder();
        var position = PositionAfterReading(folder.File("log.csv"), "first line\npartial");
        Assert.Equal(Path.GetFullPath(folder.File("log.csv")), position.Path);
        Assert.Equal((11L, 1L), (position.Offset, position.Line));
        Assert.Equal(FileStatus.Of(folder.File("log.csv"))!.Value.Identity, position.Identity);
    }

    [Fact]
    public void A_file_truncated_while_followed_is_read_again_from_its_beginning_and_the_reason_given()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        File.WriteAllText(path, "a,1\nb,2\n");
        using var file = FollowedEventFile.FromStart(path);
        Read(file);
        File.WriteAllText(path, "c\n");

        var reports = new List<string>();
        Assert.Equal([("c", 1L)], Read(file, reports));
        Assert.Equal(["log.csv was truncated: reading it again from its beginning"], reports);
    }

    [Fact]
    public void A_file_only_appended_to_resumes_where_it_was()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        File.AppendAllText(path, "c,3\n");

        var (file, restart) = FollowedEventFile.Resume(path, position);
        using (file)
        {
            Assert.Null(restart);
            Assert.Equal((8L, 2L), (file.Offset, file.Line));
            Assert.Equal([("c,3", 3L)], Read(file));
        }
    }

    [Fact]
    public void A_truncated_file_is_read_from_its_beginning_and_the_reason_given()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        File.WriteAllText(path, "a,1\n");

        var (file, restart) = FollowedEventFile.Resume(path, position);
        using (file)
        {
            Assert.Equal((0L, 0L), (file.Offset, file.Line));
            Assert.Contains("log.csv is shorter", restart, StringComparison.Ordinal);
            Assert.Equal([("a,1", 1L)], Read(file));
        }
    }

    [Fact]
    public void A_replaced_file_as_long_or_longer_is_read_from_its_beginning()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        File.WriteAllText(path, "x,1\nb,2\nc,3\n");

        var (file, restart) = FollowedEventFile.Resume(path, position);
        using (file)
        {
            Assert.Equal((0L, 0L), (file.Offset, file.Line));
            Assert.Contains("starts differently", restart, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_file_gone_is_read_from_its_beginning_when_it_is_back()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\n");
        File.Delete(path);

        var (file, restart) = FollowedEventFile.Resume(path, position);
        using (file)
        {
            Assert.Contains("gone", restart, StringComparison.Ordinal);
            File.WriteAllText(path, "a,1\nb,2\n");
            Assert.Equal([("a,1", 1L), ("b,2", 2L)], Read(file));
        }
    }
}
