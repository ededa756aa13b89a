using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Playstream.Core.Files;

/// <summary>
/// A hash of a file's first bytes (up to <see cref="MaxLength"/>), recorded with how many bytes it
/// covers. Inode numbers are reused once a file is deleted; the fingerprint tells the new file
/// from the old one, and tells a file that was truncated and written again from the one it was.
/// </summary>
/// <param name="Length">Bytes covered: fewer than <see cref="MaxLength"/> while the file is short.</param>
/// <param name="Hash">Hex of the first 16 bytes of the SHA-256 of those bytes.</param>
public sealed record Fingerprint(int Length, string Hash)
{
    public const int MaxLength = 1024;

    /// <summary>The fingerprint of no bytes: every file starts with it.</summary>
    public static Fingerprint Empty { get; } = Of([]);

    public static Fingerprint Of(ReadOnlySpan<byte> firstBytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(firstBytes, hash);
        return new Fingerprint(firstBytes.Length, Convert.ToHexStringLower(hash[..16]));
    }

    /// <summary>The fingerprint of an open file's first <paramref name="length"/> bytes (capped at <see cref="MaxLength"/>).</summary>
    /// <returns>Null when the file is now shorter than that.</returns>
    public static Fingerprint? Read(SafeFileHandle file, long length)
    {
        ArgumentNullException.ThrowIfNull(file);
        var wanted = (int)Math.Clamp(length, 0, MaxLength);
        Span<byte> bytes = stackalloc byte[MaxLength];
        var got = 0;
        while (got < wanted)
        {
            var read = RandomAccess.Read(file, bytes[got..wanted], got);
            if (read == 0)
                return null;
            got += read;
        }
        return Of(bytes[..wanted]);
    }

    /// <summary>Whether the open file still starts with the bytes this fingerprint was taken of.</summary>
    public bool Matches(SafeFileHandle file) => Read(file, Length) is { } now && now == this;
}
