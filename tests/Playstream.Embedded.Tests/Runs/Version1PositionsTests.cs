using System.Security.Cryptography;
using System.Text;
using Playstream.Core.Files;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Tests.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

public sealed class Version1PositionsTests
{
    private static readonly DateTimeOffset TakenAt = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>One position as a version 1 checkpoint wrote it: path, offset, line, then the SHA-256 of the first bytes read (up to 4 KiB).</summary>
    internal static void WriteVersion1(BinaryWriter writer, string path, long offset, long line, byte[] firstBytes)
    {
        writer.Write(path);
        writer.Write(offset);
        writer.Write(line);
        writer.Write(firstBytes.Length);
        writer.Write(SHA256.HashData(firstBytes));
    }

    private static List<FilePosition> Read(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        return Version1Positions.Read(reader, TakenAt);
    }

    [Fact]
    public void A_file_that_still_starts_as_it_did_resumes_from_its_offset_and_line()
    {
        using var folder = new TempFolder();
        var path = Path.GetFullPath(folder.File("log.csv"));
        var text = string.Concat(Enumerable.Repeat("0123456789\n", 500)); // longer than both fingerprints
        File.WriteAllText(path, text);
        var bytes = Encoding.ASCII.GetBytes(text);
        var position = Assert.Single(Read(w =>
        {
            w.Write(1);
            WriteVersion1(w, path, 4400, 400, bytes[..4096]); // 400 lines read: the fingerprint covered 4 KiB of them
        }));
        File.AppendAllText(path, "next\n");

        Assert.Equal((path, 4400L, 400L, TakenAt), (position.Path, position.Offset, position.Line, position.LastSeen));
        Assert.Equal(Fingerprint.Of(bytes.AsSpan(0, 1024)), position.Fingerprint);
        var (file, restart) = FollowedEventFile.Resume(path, position);
        using (file)
        {
            Assert.Null(restart);
            Assert.Equal((4400L, 400L), (file.Offset, file.Line));
        }
    }

    [Fact]
    public void A_file_that_starts_otherwise_now_or_is_gone_is_read_from_its_beginning()
    {
        using var folder = new TempFolder();
        var path = Path.GetFullPath(folder.File("log.csv"));
        var gone = Path.GetFullPath(folder.File("gone.csv"));
        File.WriteAllText(path, "x,1\nb,2\nc,3\n");
        var positions = Read(w =>
        {
            w.Write(2);
            WriteVersion1(w, path, 8, 2, "a,1\nb,2\n"u8.ToArray());
            WriteVersion1(w, gone, 4, 1, "a,1\n"u8.ToArray());
        });

        var (file, restart) = FollowedEventFile.Resume(path, positions[0]);
        using (file)
            Assert.Contains("starts differently", restart, StringComparison.Ordinal);
        var (back, why) = FollowedEventFile.Resume(gone, positions[1]);
        using (back)
            Assert.Contains("gone", why, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_position_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => Read(w =>
        {
            w.Write(1);
            WriteVersion1(w, "/a", 4, 1, new byte[8]); // a fingerprint longer than what was read
        }));
        Assert.Throws<InvalidDataException>(() => Read(w => w.Write(-1)));
    }
}
