using System.Security.Cryptography;
using Playstream.Core.Files;

namespace Playstream.Embedded.Runs;

/// <summary>
/// The file positions of a followed-run checkpoint of version 1, which kept them in a binary form
/// of its own with a fingerprint of its own (the SHA-256 of up to 4 KiB), so that a run
/// checkpointed by an earlier build still resumes. Each becomes a position of today: its
/// fingerprint is taken again from the file when the file still starts with the bytes the old
/// one covered, and otherwise matches nothing, so the file is read from its beginning as before.
/// </summary>
internal static class Version1Positions
{
    private const int MaxFingerprintLength = 4096;
    private const int HashLength = 32;

    /// <exception cref="InvalidDataException">A position is damaged.</exception>
    public static List<FilePosition> Read(BinaryReader reader, DateTimeOffset takenAt)
    {
        var count = reader.ReadInt32();
        if (count < 0)
            throw new InvalidDataException("the checkpoint's file count is damaged");
        var positions = new List<FilePosition>(count);
        for (var i = 0; i < count; i++)
        {
            var path = reader.ReadString();
            var offset = reader.ReadInt64();
            var line = reader.ReadInt64();
            var length = reader.ReadInt32();
            var hash = reader.ReadBytes(HashLength);
            if (offset < 0 || line < 0 || length is < 0 or > MaxFingerprintLength || length > offset || hash.Length != HashLength)
                throw new InvalidDataException($"the position of {path} in the checkpoint is damaged");
            var (identity, fingerprint) = Recognise(path, length, hash);
            positions.Add(new FilePosition(path, identity, fingerprint, offset, line, 0, takenAt));
        }
        return positions;
    }

    private static (FileIdentity, Fingerprint) Recognise(string path, int length, byte[] hash)
    {
        var never = new Fingerprint(Math.Min(length, Fingerprint.MaxLength), "");
        using var file = FollowedFile.Open(path);
        if (file is null)
            return (default, never);
        var first = new byte[length];
        var read = 0;
        while (read < length && RandomAccess.Read(file.Handle, first.AsSpan(read), read) is var n and > 0)
            read += n;
        var same = read == length && SHA256.HashData(first).AsSpan().SequenceEqual(hash);
        return (file.Identity, same ? Fingerprint.Of(first.AsSpan(0, Math.Min(length, Fingerprint.MaxLength))) : never);
    }
}
