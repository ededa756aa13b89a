using System.Security.Cryptography;
using System.Text;
using Playstream.Core.Checkpoints;

namespace Playstream.Embedded.Checkpoints;

/// <summary>
/// Checkpoints as local files: a folder per scope, a file per source. A save writes a temp file
/// beside the checkpoint, flushes it to the disk and renames it over the old one, so a crash at
/// any point leaves the old checkpoint or the new one, never a torn one; a temp file a crash
/// left behind is never read, and the next save of its source overwrites it. Each file ends
/// with a SHA-256 of what precedes it, so a file damaged some other way is refused, not half read.
/// One writer per source at a time: a second save of the same source while one is under way fails.
/// </summary>
public sealed class FileCheckpointStore(string directory) : ICheckpointStore
{
    private const string Extension = ".checkpoint";
    private const string TempSuffix = ".tmp";
    private const uint Magic = 0x4B435350; // "PSCK" little-endian: Playstream checkpoint
    private const int Version = 1;
    private const int HashLength = 32;

    /// <summary>The folder holding one folder per scope.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>
    /// The checkpoint folder that belongs to an embedded store: beside it, named after it, so two
    /// stores in one folder keep apart and a fresh store can drop its old checkpoints.
    /// </summary>
    public static string FolderBeside(string storePath) => Path.GetFullPath(storePath) + ".checkpoints";

    public async Task SaveAsync(string scope, PartitionCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var path = PathOf(scope, checkpoint.Source);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + TempSuffix;
        var header = Header(checkpoint);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(checkpoint.Snapshot);
        await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(checkpoint.Snapshot, cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(hash.GetHashAndReset(), cancellationToken).ConfigureAwait(false);
            // On the disk before the rename makes it the checkpoint: a rename that survives a
            // power cut must not point at data that did not.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public async Task<PartitionCheckpoint?> LoadAsync(string scope, string source, CancellationToken cancellationToken = default)
    {
        var path = PathOf(scope, source);
        if (!File.Exists(path))
            return null;
        var checkpoint = Decode(path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false));
        if (checkpoint.Source != source)
            throw new InvalidDataException($"checkpoint {path} is of '{checkpoint.Source}', not '{source}'");
        return checkpoint;
    }

    public async Task<IReadOnlyList<PartitionCheckpoint>> LoadAllAsync(string scope, CancellationToken cancellationToken = default)
    {
        var folder = ScopeFolder(scope);
        if (!System.IO.Directory.Exists(folder))
            return [];
        var checkpoints = new List<PartitionCheckpoint>();
        // Only finished checkpoints: the pattern leaves out temp files (".checkpoint.tmp").
        foreach (var path in System.IO.Directory.EnumerateFiles(folder, "*" + Extension).Order(StringComparer.Ordinal))
            checkpoints.Add(Decode(path, await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)));
        return checkpoints;
    }

    /// <summary>The file a source's checkpoint lives in.</summary>
    public string PathOf(string scope, string source) => Path.Combine(ScopeFolder(scope), SafeName(source) + Extension);

    private string ScopeFolder(string scope) => Path.Combine(Directory, SafeName(scope));

    /// <summary>
    /// A name that stays one file name inside the folder whatever the text (a source is often
    /// <c>topic/partition</c> or a path): separators and other reserved characters are
    /// percent-escaped, and a leading dot too, so neither "." nor ".." can climb out.
    /// </summary>
    internal static string SafeName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var escaped = Uri.EscapeDataString(name);
        return escaped[0] == '.' ? "%2E" + escaped[1..] : escaped;
    }

    private static byte[] Header(PartitionCheckpoint checkpoint)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(checkpoint.Source);
            writer.Write(checkpoint.NextOffset);
            writer.Write(checkpoint.Snapshot.Length);
        }
        return buffer.ToArray();
    }

    private static PartitionCheckpoint Decode(string path, byte[] bytes)
    {
        if (bytes.Length < HashLength + 8)
            throw Damaged(path, "too short");
        var body = bytes.AsSpan(0, bytes.Length - HashLength);
        if (!SHA256.HashData(body).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - HashLength)))
            throw Damaged(path, "its checksum does not match");
        using var reader = new BinaryReader(new MemoryStream(bytes, 0, body.Length, writable: false), Encoding.UTF8);
        try
        {
            if (reader.ReadUInt32() != Magic)
                throw Damaged(path, "not a checkpoint file");
            var version = reader.ReadInt32();
            if (version != Version)
                throw Damaged(path, $"format version {version} is not supported (this build reads {Version})");
            var source = reader.ReadString();
            var nextOffset = reader.ReadInt64();
            var length = reader.ReadInt32();
            var snapshot = reader.ReadBytes(length);
            if (snapshot.Length != length || reader.BaseStream.Position != body.Length)
                throw Damaged(path, "its length does not match");
            return new PartitionCheckpoint(source, nextOffset, snapshot);
        }
        catch (EndOfStreamException)
        {
            throw Damaged(path, "truncated");
        }
    }

    private static InvalidDataException Damaged(string path, string why) => new($"checkpoint {path} cannot be read: {why}");
}
