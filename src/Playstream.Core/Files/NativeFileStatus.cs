using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Playstream.Core.Files;

/// <summary>
/// Device and inode numbers through Linux's <c>statx</c> (glibc 2.28+), whose buffer has one
/// layout on every architecture, unlike <c>struct stat</c>. .NET has no public API for inodes.
/// Elsewhere (macOS, Windows) there is no inode here: the identity falls back to the file's
/// creation time and the fingerprint carries the rest (see docs/shipper.md).
/// </summary>
internal static partial class NativeFileStatus
{
    private const int AtFdCwd = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxIno = 0x100;
    private const uint StatxSize = 0x200;
    private const int StatxBufferSize = 256;

    // Offsets in struct statx (include/uapi/linux/stat.h): fixed on every architecture.
    private const int InoOffset = 32;
    private const int SizeOffset = 40;
    private const int DevMajorOffset = 136;
    private const int DevMinorOffset = 140;

    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    public static bool TryStat(string path, out FileStatus status)
    {
        if (!OperatingSystem.IsLinux())
            return TryStatPortable(path, out status);
        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        if (Statx(AtFdCwd, path, 0, StatxIno | StatxSize, ref MemoryMarshal.GetReference(buffer)) == 0)
        {
            status = Read(buffer);
            return true;
        }
        var errno = Marshal.GetLastPInvokeError();
        status = default;
        if (errno is ENOENT or ENOTDIR)
            return false;
        throw new IOException($"cannot read the status of {path}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }

    public static FileStatus Stat(SafeFileHandle handle)
    {
        if (!OperatingSystem.IsLinux())
            return StatPortable(handle);
        Span<byte> buffer = stackalloc byte[StatxBufferSize];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            if (Statx(fd, "", AtEmptyPath, StatxIno | StatxSize, ref MemoryMarshal.GetReference(buffer)) != 0)
                throw new IOException($"cannot read the status of an open file: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            return Read(buffer);
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    private static FileStatus Read(ReadOnlySpan<byte> buffer)
    {
        var inode = BinaryPrimitives.ReadUInt64LittleEndian(buffer[InoOffset..]);
        var size = BinaryPrimitives.ReadInt64LittleEndian(buffer[SizeOffset..]);
        var major = BinaryPrimitives.ReadUInt32LittleEndian(buffer[DevMajorOffset..]);
        var minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer[DevMinorOffset..]);
        if (!BitConverter.IsLittleEndian)
        {
            inode = BinaryPrimitives.ReverseEndianness(inode);
            size = BinaryPrimitives.ReverseEndianness(size);
            major = BinaryPrimitives.ReverseEndianness(major);
            minor = BinaryPrimitives.ReverseEndianness(minor);
        }
        return new FileStatus(new FileIdentity(((ulong)major << 32) | minor, inode), size);
    }

    // No inode: the creation time is the best stable identity .NET offers; renames keep it.
    private static bool TryStatPortable(string path, out FileStatus status)
    {
        var info = new FileInfo(path);
        status = info.Exists ? new FileStatus(new FileIdentity(0, (ulong)info.CreationTimeUtc.Ticks), info.Length) : default;
        return info.Exists;
    }

    private static FileStatus StatPortable(SafeFileHandle handle) =>
        new(new FileIdentity(0, (ulong)File.GetCreationTimeUtc(handle).Ticks), RandomAccess.GetLength(handle));

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
