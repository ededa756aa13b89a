using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Playstream.Core.Files;

namespace Playstream.Shipping.Files;

/// <summary>
/// The 64-bit id of one incarnation of a file, which every key of its lines carries so the
/// processor can tell a resent line from a new one. It is computed, never stored: from the
/// device and inode, the file's first line (up to <see cref="FirstLineBytes"/> bytes, its
/// <c>\n</c> included) and the truncation generation kept with the file's position. A restart
/// after a crash, even before the first positions save, therefore computes the same id; a file
/// truncated and shipped again from its start has a new generation, so a new id, and its lines
/// are not mistaken for resends of the old content.
/// </summary>
/// <remarks>
/// The first line, unlike the fingerprint, stops changing once the first <c>\n</c> is written,
/// and a line is only shipped once complete, so every line of an incarnation gets the same id.
/// It tells apart two files that were given the same inode one after the other.
/// </remarks>
public static class SourceId
{
    public const int FirstLineBytes = 1024;

    /// <summary>The first 8 bytes of the SHA-256 of the identity, generation and first line, big-endian.</summary>
    public static ulong Of(FileIdentity identity, int generation, ReadOnlySpan<byte> firstLine)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        if (firstLine.Length > FirstLineBytes)
            firstLine = firstLine[..FirstLineBytes];
        Span<byte> input = stackalloc byte[20 + FirstLineBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(input, identity.Device);
        BinaryPrimitives.WriteUInt64LittleEndian(input[8..], identity.Inode);
        BinaryPrimitives.WriteInt32LittleEndian(input[16..], generation);
        firstLine.CopyTo(input[20..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input[..(20 + firstLine.Length)], hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>The id of an open file: its first line is read from the file.</summary>
    public static ulong Of(SafeFileHandle file, FileIdentity identity, int generation)
    {
        ArgumentNullException.ThrowIfNull(file);
        Span<byte> first = stackalloc byte[FirstLineBytes];
        var got = 0;
        while (got < first.Length)
        {
            var read = RandomAccess.Read(file, first[got..], got);
            if (read == 0)
                break;
            var newline = first.Slice(got, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                got += newline + 1;
                break;
            }
            got += read;
        }
        return Of(identity, generation, first[..got]);
    }
}
