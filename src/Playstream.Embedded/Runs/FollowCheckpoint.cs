using System.Text;
using System.Text.Json;
using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Files;
using Playstream.Embedded.Store;

namespace Playstream.Embedded.Runs;

/// <summary>
/// What a followed run checkpoints, all taken at one instant between two lines: the analytics
/// state, where reading of every event file got to, which store it belongs to and how many plays
/// and dead letters that store held. Restoring all of it resumes the run counting nothing twice
/// and skipping nothing. Travels as the snapshot of one <see cref="PartitionCheckpoint"/>; the
/// files' positions in the encoding the shipper's positions file has too (<see cref="FilePosition.WriteTo"/>).
/// </summary>
internal sealed record FollowCheckpoint(string StoreRunId, DateTimeOffset TakenAt, StoreRowCounts StoreRows, IReadOnlyList<FilePosition> Files)
{
    /// <summary>The checkpoint's scope and source in a checkpoint store: one state for all the event files.</summary>
    public const string Scope = "follow";
    public const string Source = "events";

    private const uint Magic = 0x4F465350; // "PSFO" little-endian: Playstream follow
    private const int Version = 2;

    private byte[] _bytes = [];
    private int _snapshotStart;

    /// <summary>This checkpoint with <paramref name="analytics"/>' state, as a checkpoint store keeps it.</summary>
    public PartitionCheckpoint ToPartitionCheckpoint(PartitionAnalytics analytics)
    {
        ArgumentNullException.ThrowIfNull(analytics);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(StoreRunId);
            writer.Write(TakenAt.ToUnixTimeMilliseconds());
            writer.Write(StoreRows.Plays);
            writer.Write(StoreRows.DeadLetters);
            var positions = PositionsJson(Files);
            writer.Write(positions.Length);
            writer.Write(positions);
        }
        analytics.WriteSnapshot(buffer);
        // The "next offset" of a state over several files is no single offset: it counts the lines the state holds.
        return new PartitionCheckpoint(Source, Files.Sum(f => f.Line), buffer.ToArray());
    }

    /// <exception cref="InvalidDataException">The checkpoint is not one a followed run wrote, or is damaged.</exception>
    public static FollowCheckpoint From(PartitionCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = checkpoint.Snapshot;
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic)
                throw new InvalidDataException("not the checkpoint of a followed run");
            var version = reader.ReadInt32();
            if (version is not (Version or 1))
                throw new InvalidDataException($"followed-run checkpoint version {version} is not supported (this build reads {Version} and 1)");
            var runId = reader.ReadString();
            var takenAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var storeRows = new StoreRowCounts(reader.ReadInt64(), reader.ReadInt64());
            var files = version == 1 ? Version1Positions.Read(reader, takenAt) : ReadPositions(reader);
            return new FollowCheckpoint(runId, takenAt, storeRows, files) { _bytes = bytes, _snapshotStart = (int)reader.BaseStream.Position };
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the checkpoint is truncated", e);
        }
    }

    private static byte[] PositionsJson(IReadOnlyList<FilePosition> files)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var file in files)
                file.WriteTo(json);
            json.WriteEndArray();
        }
        return buffer.ToArray();
    }

    private static List<FilePosition> ReadPositions(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        if (length < 0 || length > reader.BaseStream.Length - reader.BaseStream.Position)
            throw new InvalidDataException("the checkpoint's file positions are damaged");
        try
        {
            using var document = JsonDocument.Parse(reader.ReadBytes(length));
            return [.. document.RootElement.EnumerateArray().Select(FilePosition.ReadFrom)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException("the checkpoint's file positions are damaged", e);
        }
    }

    /// <summary>The analytics state of a checkpoint read by <see cref="From"/>.</summary>
    /// <exception cref="SettingsException">The state was built with other analytics settings.</exception>
    public PartitionAnalytics RestoreAnalytics(AnalyticsSettings settings)
    {
        if (_bytes.Length == 0)
            throw new InvalidOperationException("only a checkpoint read back holds a state to restore");
        using var snapshot = new MemoryStream(_bytes, _snapshotStart, _bytes.Length - _snapshotStart, writable: false);
        return PartitionAnalytics.ReadSnapshot(snapshot, settings);
    }
}
