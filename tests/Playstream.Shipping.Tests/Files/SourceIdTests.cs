using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Playstream.Core.Files;
using Playstream.Shipping.Files;
using Playstream.TestSupport;

namespace Playstream.Shipping.Tests.Files;

public class SourceIdTests
{
    private static readonly FileIdentity Identity = new(2049, 1234);

    [Fact]
    public void The_id_is_the_first_8_bytes_of_a_sha256_of_device_inode_generation_and_first_line()
    {
        // Independent: the bytes laid out by hand.
        var input = new byte[20 + 6];
        BitConverter.TryWriteBytes(input.AsSpan(0, 8), 2049UL);
        BitConverter.TryWriteBytes(input.AsSpan(8, 8), 1234UL);
        BitConverter.TryWriteBytes(input.AsSpan(16, 4), 2);
        Encoding.ASCII.GetBytes("0,1,2\n").CopyTo(input, 20);
        Assert.True(BitConverter.IsLittleEndian); // the layout above is little-endian

        var expected = BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(input));
        Assert.Equal(expected, SourceId.Of(Identity, 2, "0,1,2\n"u8));
    }

    [Fact]
    public void Another_inode_generation_or_first_line_gives_another_id()
    {
        var id = SourceId.Of(Identity, 0, "0,1,2\n"u8);
        Assert.NotEqual(id, SourceId.Of(Identity with { Inode = 1235 }, 0, "0,1,2\n"u8));
        Assert.NotEqual(id, SourceId.Of(Identity with { Device = 2050 }, 0, "0,1,2\n"u8));
        Assert.NotEqual(id, SourceId.Of(Identity, 1, "0,1,2\n"u8));
        Assert.NotEqual(id, SourceId.Of(Identity, 0, "0,1,3\n"u8));
    }

    [Fact]
    public void An_open_file_is_known_by_its_first_line_alone_so_growing_it_changes_nothing()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "first,1\nsecond,2\n");
        var expected = SourceId.Of(Identity, 0, "first,1\n"u8);
        using (var file = File.OpenHandle(path))
            Assert.Equal(expected, SourceId.Of(file, Identity, 0));

        folder.Append("a.log", "third,3\n");
        using (var file = File.OpenHandle(path))
            Assert.Equal(expected, SourceId.Of(file, Identity, 0));
    }

    [Fact]
    public void A_first_line_longer_than_a_KiB_counts_by_its_first_KiB()
    {
        using var folder = new TempFolder();
        var longLine = new string('y', 5000);
        var path = folder.Write("a.log", longLine + "\nnext\n");
        using var file = File.OpenHandle(path);
        Assert.Equal(SourceId.Of(Identity, 0, Encoding.ASCII.GetBytes(longLine[..1024])), SourceId.Of(file, Identity, 0));
    }
}
