using System.Buffers.Binary;
using Playstream.Core.Checkpoints;
using StackExchange.Redis;

namespace Playstream.Redis;

/// <summary>
/// Partition checkpoints in Redis, shared by every instance of a consumer group: a hash per
/// partition holding the next offset, the state snapshot and the shipper marks, written in one
/// MULTI/EXEC so a reader never sees a snapshot with another checkpoint's offset or marks.
/// A checkpoint written before marks existed (no marks field) loads with no marks.
/// </summary>
public sealed class RedisCheckpointStore(IConnectionMultiplexer redis, RedisKeys keys) : ICheckpointStore
{
    private const string OffsetField = "next_offset";
    private const string SnapshotField = "snapshot";
    private const string MarksField = "shipper_marks";
    private const int MarkBytes = 16;

    public async Task SaveAsync(string scope, PartitionCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var db = redis.GetDatabase();
        var transaction = db.CreateTransaction();
        _ = transaction.HashSetAsync(keys.Checkpoint(scope, checkpoint.Source),
        [
            new HashEntry(OffsetField, checkpoint.NextOffset), new HashEntry(SnapshotField, checkpoint.Snapshot),
            new HashEntry(MarksField, EncodeMarks(checkpoint.ShipperMarks)),
        ]);
        _ = transaction.SetAddAsync(keys.CheckpointSources(scope), checkpoint.Source);
        if (!await transaction.ExecuteAsync().ConfigureAwait(false))
            throw new RedisException($"checkpoint of {checkpoint.Source} was not written");
    }

    public async Task<PartitionCheckpoint?> LoadAsync(string scope, string source, CancellationToken cancellationToken = default)
    {
        var key = keys.Checkpoint(scope, source);
        var values = await redis.GetDatabase().HashGetAsync(key, [OffsetField, SnapshotField, MarksField]).ConfigureAwait(false);
        if (values[0].IsNull || values[1].IsNull)
            return null;
        return new PartitionCheckpoint(source, (long)values[0], (byte[])values[1]!, values[2].IsNull ? [] : DecodeMarks((byte[])values[2]!, key));
    }

    public async Task<IReadOnlyList<PartitionCheckpoint>> LoadAllAsync(string scope, CancellationToken cancellationToken = default)
    {
        var sources = await redis.GetDatabase().SetMembersAsync(keys.CheckpointSources(scope)).ConfigureAwait(false);
        var checkpoints = new List<PartitionCheckpoint>();
        foreach (var source in sources.Select(s => s.ToString()).Order(StringComparer.Ordinal))
            if (await LoadAsync(scope, source, cancellationToken).ConfigureAwait(false) is { } checkpoint)
                checkpoints.Add(checkpoint);
        return checkpoints;
    }

    /// <summary>Forgets a scope's checkpoints (a reset of the pipeline).</summary>
    public async Task ClearAsync(string scope)
    {
        var db = redis.GetDatabase();
        foreach (var source in await db.SetMembersAsync(keys.CheckpointSources(scope)).ConfigureAwait(false))
            await db.KeyDeleteAsync(keys.Checkpoint(scope, source.ToString())).ConfigureAwait(false);
        await db.KeyDeleteAsync(keys.CheckpointSources(scope)).ConfigureAwait(false);
    }

    /// <summary>16 bytes a mark, in order: the source id, then the offset, both little-endian.</summary>
    internal static byte[] EncodeMarks(IReadOnlyList<ShipperMark> marks)
    {
        var bytes = new byte[marks.Count * MarkBytes];
        for (var i = 0; i < marks.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * MarkBytes), marks[i].SourceId);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * MarkBytes + 8), marks[i].Offset);
        }
        return bytes;
    }

    internal static ShipperMark[] DecodeMarks(byte[] bytes, RedisKey key)
    {
        if (bytes.Length % MarkBytes != 0)
            throw new InvalidDataException($"{key}: the {MarksField} field is {bytes.Length} bytes, not a whole number of {MarkBytes}-byte marks");
        var marks = new ShipperMark[bytes.Length / MarkBytes];
        for (var i = 0; i < marks.Length; i++)
        {
            marks[i] = new ShipperMark(
                BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * MarkBytes)),
                BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * MarkBytes + 8)));
        }
        return marks;
    }
}
