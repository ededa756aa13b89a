using System.Diagnostics;
using Playstream.Core.Files;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Files;

/// <summary>statx read byte by byte (Linux), checked against what coreutils' <c>stat</c> prints for the same file.</summary>
public sealed class NativeFileStatusTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Inode, device major and minor, and size, as <c>stat</c> reports them.</summary>
    private static (ulong Inode, uint Major, uint Minor, long Size) CoreutilsStat(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("stat", ["-c", "%i %Hd %Ld %s", path]) { RedirectStandardOutput = true })!;
        var fields = process.StandardOutput.ReadToEnd().Trim().Split(' ');
        process.WaitForExit();
        return (ulong.Parse(fields[0]), uint.Parse(fields[1]), uint.Parse(fields[2]), long.Parse(fields[3]));
    }

    [Fact]
    public void A_path_and_an_open_handle_give_the_inode_device_and_size_stat_prints()
    {
        var path = _folder.Write("f.csv", new string('x', 12_345));
        var (inode, major, minor, size) = CoreutilsStat(path);
        var expected = new FileStatus(new FileIdentity(((ulong)major << 32) | minor, inode), size);

        Assert.True(NativeFileStatus.TryStat(path, out var byPath));
        using var handle = File.OpenHandle(path);
        Assert.Equal(expected, byPath);
        Assert.Equal(expected, NativeFileStatus.Stat(handle));
    }

    [Fact]
    public void A_missing_file_or_a_path_through_a_file_has_no_status_and_no_error()
    {
        var file = _folder.Write("plain", "x");
        Assert.False(NativeFileStatus.TryStat(_folder.File("missing"), out _));
        Assert.False(NativeFileStatus.TryStat(Path.Combine(file, "below"), out _));
    }
}
