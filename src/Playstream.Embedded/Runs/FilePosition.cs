namespace Playstream.Embedded.Runs;

/// <summary>
/// Where reading one event file got to: the file (its full path and <see cref="FileFingerprint"/>),
/// the byte offset of the next unread line, and the number of the last line read (0 before the first).
/// </summary>
internal sealed record FilePosition(string Path, long Offset, long Line, FileFingerprint Fingerprint)
{
    public static FilePosition Start(string path) => new(System.IO.Path.GetFullPath(path), 0, 0, FileFingerprint.Empty);

    public void Write(BinaryWriter writer)
    {
        writer.Write(Path);
        writer.Write(Offset);
        writer.Write(Line);
        Fingerprint.Write(writer);
    }

    public static FilePosition Read(BinaryReader reader)
    {
        var path = reader.ReadString();
        var offset = reader.ReadInt64();
        var line = reader.ReadInt64();
        var fingerprint = FileFingerprint.Read(reader);
        if (offset < 0 || line < 0 || fingerprint.Length > offset)
            throw new InvalidDataException($"the position of {path} in the checkpoint is damaged");
        return new FilePosition(path, offset, line, fingerprint);
    }

    /// <summary>
    /// Where to go on reading the file now: here, or from its beginning with the reason when it
    /// is gone, shorter than this offset, or starts with other bytes than it did (truncated and
    /// written again, or replaced).
    /// </summary>
    public (FilePosition From, string? Restart) Resume()
    {
        if (Offset == 0)
            return (this, null);
        var name = System.IO.Path.GetFileName(Path);
        if (!File.Exists(Path))
            return (Start(Path), $"{name} is gone since the checkpoint: it will be read from its beginning when it is back");
        using var file = File.OpenHandle(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (RandomAccess.GetLength(file) < Offset)
            return (Start(Path), $"{name} is shorter than at the checkpoint (truncated or replaced): reading it from its beginning");
        if (!Fingerprint.Matches(file))
            return (Start(Path), $"{name} starts differently than at the checkpoint (replaced): reading it from its beginning");
        return (this, null);
    }
}
