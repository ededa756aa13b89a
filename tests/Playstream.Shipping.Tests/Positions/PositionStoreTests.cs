using Playstream.Core.Files;
using Playstream.Shipping.Positions;
using Playstream.TestSupport;

namespace Playstream.Shipping.Tests.Positions;

public class PositionStoreTests
{
    private static readonly DateTimeOffset Seen = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static FilePosition Position(ulong inode, long offset, string path) =>
        new(path, new FileIdentity(2049, inode), new Fingerprint(12, "00112233445566778899aabbccddeeff"), offset, 0, 0, Seen);

    [Fact]
    public void Saved_positions_load_back_with_the_clean_flag()
    {
        using var folder = new TempFolder();
        using (var store = new PositionStore(folder.Path, "plays"))
        {
            Assert.Empty(store.Load());
            Assert.False(store.LastStopWasClean);
            store.Save([Position(7, 120, "/logs/a.log"), Position(ulong.MaxValue, 0, "/logs/b.log")], clean: true);
        }
        using var again = new PositionStore(folder.Path, "plays");
        var loaded = again.Load();
        Assert.True(again.LastStopWasClean);
        Assert.Equal(2, loaded.Count);
        Assert.Equal(Position(7, 120, "/logs/a.log"), loaded[new FileIdentity(2049, 7)]);
        Assert.Equal(Position(ulong.MaxValue, 0, "/logs/b.log"), loaded[new FileIdentity(2049, ulong.MaxValue)]);
    }

    [Fact]
    public void A_save_replaces_the_whole_file_and_leaves_no_temporary_behind()
    {
        using var folder = new TempFolder();
        using var store = new PositionStore(folder.Path, "plays");
        store.Save([Position(1, 10, "/a"), Position(2, 20, "/b")], clean: false);
        store.Save([Position(2, 25, "/b")], clean: false);

        var loaded = store.Load();
        Assert.Equal(25, Assert.Single(loaded).Value.Offset);
        Assert.False(File.Exists(store.FilePath + ".tmp"));
        Assert.Equal(["plays.lock", "plays.positions.json"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_temporary_file_left_by_a_crash_mid_save_does_not_disturb_the_saved_positions()
    {
        using var folder = new TempFolder();
        using var store = new PositionStore(folder.Path, "plays");
        store.Save([Position(1, 10, "/a")], clean: true);
        File.WriteAllText(store.FilePath + ".tmp", "{\"version\": 1, \"clean\": tr"); // the crash cut the write here

        Assert.Equal(10, Assert.Single(store.Load()).Value.Offset);
        store.Save([Position(1, 30, "/a")], clean: true); // and the next save overwrites the leftover
        Assert.Equal(30, Assert.Single(store.Load()).Value.Offset);
    }

    [Fact]
    public void A_second_shipper_of_the_same_topic_is_refused_but_another_topic_is_not()
    {
        using var folder = new TempFolder();
        using var first = new PositionStore(folder.Path, "plays");
        var error = Assert.Throws<IOException>(() => new PositionStore(folder.Path, "plays"));
        Assert.Contains("another shipper", error.Message);
        using var other = new PositionStore(folder.Path, "other");
    }

    [Fact]
    public void The_truncation_generation_is_saved_and_positions_saved_without_one_load_as_generation_0()
    {
        using var folder = new TempFolder();
        using var store = new PositionStore(folder.Path, "plays");
        store.Save([Position(1, 10, "/a") with { Generation = 3 }], clean: false);
        Assert.Equal(3, Assert.Single(store.Load()).Value.Generation);

        // As written before generations were kept.
        File.WriteAllText(store.FilePath, """
            {"version": 1, "clean": true, "files": [{"path": "/a", "offset": 10, "device": 2049, "inode": 1,
             "fingerprint_length": 12, "fingerprint": "00112233445566778899aabbccddeeff", "last_seen": "2024-05-01T12:00:00+00:00"}]}
            """);
        Assert.Equal(Position(1, 10, "/a"), Assert.Single(store.Load()).Value);
    }

    [Fact]
    public void A_file_that_is_not_positions_is_reported()
    {
        using var folder = new TempFolder();
        using var store = new PositionStore(folder.Path, "plays");
        File.WriteAllText(store.FilePath, "[1, 2]");
        Assert.Throws<InvalidDataException>(() => store.Load());
    }
}
