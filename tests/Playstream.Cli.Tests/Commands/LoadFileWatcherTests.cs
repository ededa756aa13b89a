using Playstream.Cli.Commands;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary>A change is told once the file has been still for the debounce; no change, no word.</summary>
public sealed class LoadFileWatcherTests
{
    private static async Task<bool> ChangesWithinAsync(LoadFileWatcher watcher, TimeSpan limit)
    {
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await watcher.WaitForChangeAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [Fact]
    public async Task A_write_is_told_once_it_settles_and_only_once()
    {
        using var folder = new TempFolder();
        var file = folder.Write("cust.csv", "a\n");
        using var watcher = new LoadFileWatcher(file);
        Assert.False(await ChangesWithinAsync(watcher, TimeSpan.FromSeconds(1.5)));

        folder.Append("cust.csv", "b\n");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await ChangesWithinAsync(watcher, TimeSpan.FromSeconds(10)));
        Assert.True(watch.Elapsed >= LoadFileWatcher.Debounce, $"told after {watch.Elapsed}, before the file was still for {LoadFileWatcher.Debounce}");

        Assert.False(await ChangesWithinAsync(watcher, TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public async Task A_file_replaced_by_another_is_a_change()
    {
        using var folder = new TempFolder();
        var file = folder.Write("music.csv", "old\n");
        using var watcher = new LoadFileWatcher(file);

        var replacement = folder.Write("music.csv.new", "new content\n");
        File.Move(replacement, file, overwrite: true);

        Assert.True(await ChangesWithinAsync(watcher, TimeSpan.FromSeconds(10)));
    }
}
