using System.Text;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Tests.Store;

namespace Playstream.Embedded.Tests.Runs;

public sealed class FilePositionTests
{
    /// <summary>Where a tail that read the whole of <paramref name="text"/> got to.</summary>
    private static FilePosition PositionAfterReading(string path, string text)
    {
        File.WriteAllText(path, text);
        using var tail = new FileTail(path);
        tail.ReadNewLines((_, _) => { });
        return tail.Position();
    }

    [Fact]
    public void A_file_only_appended_to_resumes_where_it_was()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        File.AppendAllText(path, "c,3\n");

        var (from, restart) = position.Resume();
        Assert.Null(restart);
        Assert.Equal((8L, 2L), (from.Offset, from.Line));
    }

    [Fact]
    public void A_truncated_file_is_read_from_its_beginning_and_the_reason_given()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        File.WriteAllText(path, "a,1\n");

        var (from, restart) = position.Resume();
        Assert.Equal((0L, 0L), (from.Offset, from.Line));
        Assert.Contains("log.csv is shorter", restart, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replaced_file_as_long_or_longer_is_read_from_its_beginning()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        File.WriteAllText(path, "x,1\nb,2\nc,3\n");

        var (from, restart) = position.Resume();
        Assert.Equal((0L, 0L), (from.Offset, from.Line));
        Assert.Contains("starts differently", restart, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_gone_is_read_from_its_beginning_when_it_is_back()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\n");
        File.Delete(path);

        var (from, restart) = position.Resume();
        Assert.Equal(0L, from.Offset);
        Assert.Contains("gone", restart, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_written_and_read_back_is_the_same_and_still_recognises_its_file()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        var position = PositionAfterReading(path, "a,1\nb,2\n");
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            position.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        var back = FilePosition.Read(reader);

        Assert.Equal((position.Path, position.Offset, position.Line, position.Fingerprint.Length), (back.Path, back.Offset, back.Line, back.Fingerprint.Length));
        Assert.Equal(position.Fingerprint.Hash, back.Fingerprint.Hash);
        Assert.Null(back.Resume().Restart);
    }
}
