namespace Playstream.Core.Generation;

/// <summary>What a live writer needs to know about the log it appends to.</summary>
internal readonly record struct ExistingLog(long Lines, bool EndsMidLine)
{
    /// <summary>
    /// Counts the lines of <paramref name="path"/> (a last line without its line end counts too)
    /// by scanning bytes, so a log of any size costs one pass and no memory. A missing file is empty.
    /// </summary>
    public static ExistingLog Inspect(string path)
    {
        if (!File.Exists(path))
            return new ExistingLog(0, false);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var buffer = new byte[1 << 16];
        long newlines = 0;
        var last = (byte)'\n';
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            newlines += buffer.AsSpan(0, read).Count((byte)'\n');
            last = buffer[read - 1];
        }
        var endsMidLine = last != (byte)'\n';
        return new ExistingLog(newlines + (endsMidLine ? 1 : 0), endsMidLine);
    }
}
