using Playstream.Shipping.Files;
using Playstream.TestSupport;

namespace Playstream.Shipping.Tests.Files;

public sealed class FolderWatcherTests
{
    [Fact]
    public void A_new_file_or_new_lines_in_a_watched_folder_wake_the_shipper()
    {
        using var folder = new TempFolder();
        var log = folder.Write("a.csv", "1\n");
        using var wake = new AutoResetEvent(false);
        using var watcher = new FolderWatcher([new PathPattern(folder.File("*.csv")), new PathPattern(folder.File("*.log"))], wake);

        folder.Append("a.csv", "2\n");
        Assert.True(wake.WaitOne(TimeSpan.FromSeconds(10)), "no wake after lines were appended");

        folder.Write("b.csv", "3\n");
        Assert.True(wake.WaitOne(TimeSpan.FromSeconds(10)), "no wake after a file was created");
        Assert.Equal("1\n2\n", File.ReadAllText(log));
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_passed_over()
    {
        using var folder = new TempFolder();
        using var wake = new AutoResetEvent(false);
        using var watcher = new FolderWatcher([new PathPattern(folder.File("missing/*.csv"))], wake);

        Directory.CreateDirectory(folder.File("missing"));
        File.WriteAllText(folder.File("missing/a.csv"), "1\n");

        Assert.False(wake.WaitOne(TimeSpan.FromSeconds(1)), "a folder missing at the start is found by polling, not watched");
    }
}
