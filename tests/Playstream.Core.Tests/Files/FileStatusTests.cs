using Playstream.Core.Files;
using Playstream.TestSupport;

namespace Playstream.Core.Tests.Files;

public class FileStatusTests
{
    [Fact]
    public void A_renamed_file_keeps_its_identity_and_a_new_file_under_the_old_name_gets_another()
    {
        using var folder = new TempFolder();
        var path = folder.Write("app.log", "abc\n");
        var before = FileStatus.Of(path)!.Value;
        File.Move(path, folder.File("app.log.1"));
        folder.Write("app.log", "new\n");

        Assert.Equal(before.Identity, FileStatus.Of(folder.File("app.log.1"))!.Value.Identity);
        Assert.NotEqual(before.Identity, FileStatus.Of(folder.File("app.log"))!.Value.Identity);
    }

    [Fact]
    public void The_size_is_the_byte_count_and_a_missing_path_has_no_status()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "héllo\n"); // é is two bytes in UTF-8
        Assert.Equal(7, FileStatus.Of(path)!.Value.Size);
        Assert.Null(FileStatus.Of(folder.File("missing.log")));
        Assert.Null(FileStatus.Of(Path.Combine(folder.File("a.log"), "under-a-file")));
    }

    [Fact]
    public void An_open_handle_still_names_the_same_file_after_a_delete()
    {
        using var folder = new TempFolder();
        var path = folder.Write("a.log", "12345\n");
        var identity = FileStatus.Of(path)!.Value.Identity;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        File.Delete(path);
        var status = FileStatus.Of(handle);
        Assert.Equal(identity, status.Identity);
        Assert.Equal(6, status.Size);
    }

    [Fact]
    public void Two_files_side_by_side_have_different_inodes()
    {
        using var folder = new TempFolder();
        var a = FileStatus.Of(folder.Write("a", "x"))!.Value.Identity;
        var b = FileStatus.Of(folder.Write("b", "x"))!.Value.Identity;
        Assert.Equal(a.Device, b.Device);
        Assert.NotEqual(a.Inode, b.Inode);
    }
}
