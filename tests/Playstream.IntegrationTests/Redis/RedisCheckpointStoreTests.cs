using Playstream.Core.Checkpoints;
using Playstream.Redis;
using StackExchange.Redis;
using Xunit;

namespace Playstream.IntegrationTests.Redis;

[Collection(RedisCollection.Name)]
public sealed class RedisCheckpointStoreTests(RedisServer redis) : IAsyncLifetime
{
    private const string Scope = "group:plays";
    private readonly string _prefix = RedisServer.NewPrefix();
    private RedisKeys Keys => new(_prefix);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => redis.DeletePrefixAsync(_prefix);

    [Fact]
    public async Task Offset_snapshot_and_shipper_marks_in_their_order_survive_a_round_trip()
    {
        var store = new RedisCheckpointStore(redis.Connection, Keys);
        ShipperMark[] marks = [new(ulong.MaxValue, 0), new(0x0123456789abcdefUL, long.MaxValue), new(7, 1_048_576)];
        await store.SaveAsync(Scope, new PartitionCheckpoint("plays/1", 42, [1, 2, 3], marks));

        var loaded = await store.LoadAsync(Scope, "plays/1");

        Assert.NotNull(loaded);
        Assert.Equal(42, loaded.NextOffset);
        Assert.Equal([1, 2, 3], loaded.Snapshot);
        Assert.Equal(marks, loaded.ShipperMarks);
        // A later checkpoint with fewer marks replaces them all.
        await store.SaveAsync(Scope, new PartitionCheckpoint("plays/1", 50, [4], [new ShipperMark(9, 9)]));
        Assert.Equal([new ShipperMark(9, 9)], (await store.LoadAsync(Scope, "plays/1"))!.ShipperMarks);
        await store.SaveAsync(Scope, new PartitionCheckpoint("plays/1", 51, [5]));
        Assert.Empty((await store.LoadAsync(Scope, "plays/1"))!.ShipperMarks);
    }

    [Fact]
    public async Task A_checkpoint_written_before_marks_existed_loads_with_none()
    {
        // The hash as the earlier version wrote it: offset and snapshot only.
        await redis.Db.HashSetAsync(Keys.Checkpoint(Scope, "plays/0"), [new HashEntry("next_offset", 17), new HashEntry("snapshot", new byte[] { 9, 8 })]);
        await redis.Db.SetAddAsync(Keys.CheckpointSources(Scope), "plays/0");

        var loaded = Assert.Single(await new RedisCheckpointStore(redis.Connection, Keys).LoadAllAsync(Scope));

        Assert.Equal(("plays/0", 17L), (loaded.Source, loaded.NextOffset));
        Assert.Equal([9, 8], loaded.Snapshot);
        Assert.Empty(loaded.ShipperMarks);
    }

    [Fact]
    public async Task Marks_of_a_torn_length_are_reported_not_misread()
    {
        await redis.Db.HashSetAsync(Keys.Checkpoint(Scope, "plays/2"),
            [new HashEntry("next_offset", 1), new HashEntry("snapshot", new byte[] { 1 }), new HashEntry("shipper_marks", new byte[17])]);

        await Assert.ThrowsAsync<InvalidDataException>(() => new RedisCheckpointStore(redis.Connection, Keys).LoadAsync(Scope, "plays/2"));
    }
}
