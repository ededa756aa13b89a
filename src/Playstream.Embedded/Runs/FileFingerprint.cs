using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Playstream.Embedded.Runs;

/// <summary>
/// Who a file is, as far as resuming needs: a hash of its first bytes (up to
/// <see cref="MaxLength"/>). Logs are only appended to, so their first bytes never change; a file
/// truncated and written again, or replaced by another, almost surely starts differently.
/// </summary>
internal sealed class FileFingerprint
{
    public const int MaxLength = 4096;
    private const int HashLength = 32;

    private FileFingerprint(int length, byte[] hash)
    {
        Length = length;
        Hash = hash;
    }

    /// <summary>How many first bytes the hash covers.</summary>
    public int Length { get; }

    public byte[] Hash { get; }

    public static FileFingerprint Empty { get; } = new(0, SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>The fingerprint of the first <paramref name="upTo"/> bytes of the open file (at most <see cref="MaxLength"/>).</summary>
    public static FileFingerprint Of(SafeFileHandle file, long upTo)
    {
        var length = (int)Math.Min(upTo, MaxLength);
        var bytes = new byte[length];
        return ReadFully(file, bytes) ? new FileFingerprint(length, SHA256.HashData(bytes)) : throw new IOException("the file is shorter than what was read of it");
    }

    /// <summary>Whether the open file starts with the bytes this fingerprint was taken of.</summary>
    public bool Matches(SafeFileHandle file)
    {
        var bytes = new byte[Length];
        return ReadFully(file, bytes) && SHA256.HashData(bytes).AsSpan().SequenceEqual(Hash);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Length);
        writer.Write(Hash);
    }

    public static FileFingerprint Read(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        var hash = reader.ReadBytes(HashLength);
        if (length is < 0 or > MaxLength || hash.Length != HashLength)
            throw new InvalidDataException("a file fingerprint in the checkpoint is damaged");
        return new FileFingerprint(length, hash);
    }

    private static bool ReadFully(SafeFileHandle file, byte[] bytes)
    {
        var done = 0;
        while (done < bytes.Length)
        {
            var read = RandomAccess.Read(file, bytes.AsSpan(done), done);
            if (read == 0)
                return false;
            done += read;
        }
        return true;
    }
}
