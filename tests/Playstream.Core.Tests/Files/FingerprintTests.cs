using System.Security.Cryptography;
using System.Text;
using Playstream.Core.Files;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Files;

public class FingerprintTests
{
    [Fact]
    public void A_short_file_is_fingerprinted_whole_and_a_long_one_by_its_first_KiB()
    {
        using var folder = new TempFolder();
        var shortFile = folder.Write("short", "0,1,2\n");
        var longText = new string('x', 3000);
        var longFile = folder.Write("long", longText);
        using var s = File.OpenHandle(shortFile);
        using var l = File.OpenHandle(longFile);

        var shortPrint = Fingerprint.Read(s, 6)!;
        var longPrint = Fingerprint.Read(l, 3000)!;

        Assert.Equal(6, shortPrint.Length);
        Assert.Equal(1024, longPrint.Length);
        // Independent: SHA-256 of the same bytes, first 16 bytes in hex.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(new string('x', 1024)))[..16]), longPrint.Hash);
    }

    [Fact]
    public void A_file_still_matches_after_appends_but_not_after_its_start_is_rewritten()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "1,2,3\n");
        Fingerprint print;
        using (var handle = File.OpenHandle(path))
            print = Fingerprint.Read(handle, 6)!;

        folder.Append("a.log", "4,5,6\n");
        using (var handle = File.OpenHandle(path))
            Assert.True(print.Matches(handle));

        folder.Write("a.log", "9,2,3\n4,5,6\n");
        using (var handle = File.OpenHandle(path))
            Assert.False(print.Matches(handle));
    }

    [Fact]
    public void A_file_shorter_than_the_fingerprint_does_not_match()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "1,2,3\n");
        Fingerprint print;
        using (var handle = File.OpenHandle(path))
            print = Fingerprint.Read(handle, 6)!;
        folder.Write("a.log", "1,2");
        using (var handle = File.OpenHandle(path))
        {
            Assert.Null(Fingerprint.Read(handle, 6));
            Assert.False(print.Matches(handle));
        }
    }

    [Fact]
    public void Every_file_matches_the_empty_fingerprint()
    {
        using var folder = new TempFolder();
        using var handle = File.OpenHandle(folder.Write("a", "anything"));
        Assert.True(Fingerprint.Empty.Matches(handle));
        Assert.Equal(0, Fingerprint.Empty.Length);
    }
}
