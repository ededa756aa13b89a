using System.Globalization;

namespace Playstream.Core.Files;

/// <summary>
/// Which file this is, whatever it is called now: the device and inode numbers. A rename keeps
/// them, so a rotated file is still recognised; a new file under the old name gets new ones.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Device}:{Inode}");
}
