using Microsoft.Win32.SafeHandles;

namespace Playstream.Core.Files;

/// <summary>A file's identity and size at one moment.</summary>
public readonly record struct FileStatus(FileIdentity Identity, long Size)
{
    /// <summary>The file a path names now (following symbolic links); null when there is none.</summary>
    public static FileStatus? Of(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return NativeFileStatus.TryStat(path, out var status) ? status : null;
    }

    /// <summary>The file an open handle holds: after a rename or delete it is still the same file.</summary>
    /// <exception cref="IOException">The system would not say.</exception>
    public static FileStatus Of(SafeFileHandle handle)
    {
        ArgumentNullException.ThrowIfNull(handle);
        return NativeFileStatus.Stat(handle);
    }
}
