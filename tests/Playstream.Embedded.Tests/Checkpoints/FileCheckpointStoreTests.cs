using Playstream.Core.Checkpoints;
using Playstream.Embedded.Checkpoints;
using Playstream.Embedded.Tests.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Checkpoints;

public sealed class FileCheckpointStoreTests
{
    private static PartitionCheckpoint Checkpoint(string source, long offset, params byte[] snapshot) => new(source, offset, snapshot);

    private static void AssertSame(PartitionCheckpoint expected, PartitionCheckpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Source, actual!.Source);
        Assert.Equal(expected.NextOffset, actual.NextOffset);
        Assert.Equal(expected.Snapshot, actual.Snapshot);
    }

    [Fact]
    public async Task A_checkpoint_saved_is_loaded_back_by_source_and_with_its_scope()
    {
        using var folder = new TempFolder();
        var store = new FileCheckpointStore(folder.File("checkpoints"));
        var first = Checkpoint("plays/0", 42, 1, 2, 3);
        var second = Checkpoint("plays/1", 7, 9, 8);
        var elsewhere = Checkpoint("plays/0", 1000, 5);
        await store.SaveAsync("group:plays", first);
        await store.SaveAsync("group:plays", second);
        await store.SaveAsync("other:plays", elsewhere);

        AssertSame(first, await store.LoadAsync("group:plays", "plays/0"));
        AssertSame(elsewhere, await store.LoadAsync("other:plays", "plays/0"));
        var all = await store.LoadAllAsync("group:plays");
        Assert.Equal(["plays/0", "plays/1"], all.Select(c => c.Source).Order(StringComparer.Ordinal));
        AssertSame(second, all.Single(c => c.Source == "plays/1"));
    }

    [Fact]
    public async Task Nothing_saved_loads_as_nothing()
    {
        using var folder = new TempFolder();
        var store = new FileCheckpointStore(folder.File("checkpoints"));
        Assert.Null(await store.LoadAsync("s", "p"));
        Assert.Empty(await store.LoadAllAsync("s"));
    }

    [Fact]
    public async Task A_save_replaces_the_earlier_checkpoint_whole_and_leaves_no_temp_file()
    {
        using var folder = new TempFolder();
        var store = new FileCheckpointStore(folder.File("checkpoints"));
        await store.SaveAsync("s", Checkpoint("p", 1, new byte[5000]));
        var newer = Checkpoint("p", 2, 7, 7, 7);
        await store.SaveAsync("s", newer);

        AssertSame(newer, await store.LoadAsync("s", "p"));
        var files = Directory.GetFiles(Path.GetDirectoryName(store.PathOf("s", "p"))!);
        Assert.Equal([store.PathOf("s", "p")], files);
    }

    [Fact]
    public async Task A_temp_file_torn_by_a_crash_is_ignored_and_the_next_save_goes_through()
    {
        using var folder = new TempFolder();
        var store = new FileCheckpointStore(folder.File("checkpoints"));
        var saved = Checkpoint("p", 10, 1, 2, 3, 4);
        await store.SaveAsync("s", saved);
        // What a crash halfway through the next save leaves: the start of a checkpoint, no end.
        var whole = await File.ReadAllBytesAsync(store.PathOf("s", "p"));
        await File.WriteAllBytesAsync(store.PathOf("s", "p") + ".tmp", whole[..(whole.Length / 2)]);

        AssertSame(saved, await store.LoadAsync("s", "p"));
        AssertSame(saved, Assert.Single(await store.LoadAllAsync("s")));

        var next = Checkpoint("p", 11, 5);
        await store.SaveAsync("s", next);
        AssertSame(next, await store.LoadAsync("s", "p"));
        Assert.False(File.Exists(store.PathOf("s", "p") + ".tmp"));
    }

    [Fact]
    public async Task A_checkpoint_file_damaged_otherwise_is_refused_with_its_path()
    {
        using var folder = new TempFolder();
        var store = new FileCheckpointStore(folder.File("checkpoints"));
        await store.SaveAsync("s", Checkpoint("p", 10, 1, 2, 3, 4));
        var path = store.PathOf("s", "p");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[^40] ^= 0xFF; // one bit-flipped byte before the checksum
        await File.WriteAllBytesAsync(path, bytes);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadAsync("s", "p"));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);

        await File.WriteAllBytesAsync(path, bytes[..20]);
        await Assert.ThrowsAsync<InvalidDataException>(() => store.LoadAsync("s", "p"));
    }

    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("../../escape")]
    [InlineData("topic/3")]
    [InlineData("/etc/passwd")]
    public async Task Any_scope_or_source_name_stays_one_name_inside_the_folder(string name)
    {
        using var folder = new TempFolder();
        var root = folder.File("checkpoints");
        var store = new FileCheckpointStore(root);
        var checkpoint = Checkpoint(name, 3, 1);
        await store.SaveAsync(name, checkpoint);

        var path = store.PathOf(name, name);
        Assert.StartsWith(root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
        Assert.Equal(root, Path.GetDirectoryName(Path.GetDirectoryName(path)));
        AssertSame(checkpoint, await store.LoadAsync(name, name));
    }

    [Fact]
    public void The_folder_beside_a_store_is_named_after_the_store()
    {
        using var folder = new TempFolder();
        Assert.Equal(folder.File("a.db") + ".checkpoints", FileCheckpointStore.FolderBeside(folder.File("a.db")));
        Assert.NotEqual(FileCheckpointStore.FolderBeside(folder.File("a.db")), FileCheckpointStore.FolderBeside(folder.File("b.db")));
    }
}
