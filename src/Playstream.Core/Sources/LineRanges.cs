using System.Buffers;

namespace Playstream.Core.Sources;

/// <summary>Splits a line file into byte ranges that parallel workers can read independently.</summary>
public static class LineRanges
{
    private const int ScanBlock = 64 * 1024;

    /// <summary>
    /// Up to <paramref name="parts"/> ranges of about equal size that cover the file exactly, in
    /// order, each boundary right after a <c>\n</c>. Fewer ranges come back when lines are longer
    /// than a part (an empty range is never returned); none for an empty file. Only a few bytes
    /// around each cut are read, so lines are not numbered (<see cref="LineRange.FirstLine"/> is 0).
    /// </summary>
    public static IReadOnlyList<LineRange> Split(string path, int parts) => Split(path, parts, numberLines: false);

    /// <summary>
    /// As <see cref="Split(string, int)"/>; with <paramref name="numberLines"/> the file is read once
    /// more to count lines, so each range knows the number of its first line (for dead-letter positions).
    /// </summary>
    public static IReadOnlyList<LineRange> Split(string path, int parts, bool numberLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0, FileOptions.RandomAccess);
        var length = file.Length;
        var ranges = new List<LineRange>(parts);
        var buffer = ArrayPool<byte>.Shared.Rent(ScanBlock);
        try
        {
            long start = 0;
            for (var i = 1; i <= parts && start < length; i++)
            {
                var end = i == parts ? length : Math.Max(start, CutAfterNewline(file, length * i / parts, buffer));
                if (end > start)
                {
                    ranges.Add(new LineRange(start, end, 0));
                    start = end;
                }
            }
            if (numberLines)
                Number(file, ranges, buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return ranges;
    }

    /// <summary>The first offset at or after <paramref name="target"/> that follows a '\n' (or the file's length).</summary>
    private static long CutAfterNewline(FileStream file, long target, byte[] buffer)
    {
        if (target <= 0)
            return 0;
        // Start one byte early: if the byte before the target is '\n', the target itself is a boundary.
        var at = target - 1;
        file.Seek(at, SeekOrigin.Begin);
        while (true)
        {
            var read = file.Read(buffer, 0, buffer.Length);
            if (read == 0)
                return file.Length;
            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
                return at + newline + 1;
            at += read;
        }
    }

    private static void Number(FileStream file, List<LineRange> ranges, byte[] buffer)
    {
        file.Seek(0, SeekOrigin.Begin);
        long line = 1;
        for (var r = 0; r < ranges.Count; r++)
        {
            ranges[r] = ranges[r] with { FirstLine = line };
            var remaining = ranges[r].Length;
            while (remaining > 0)
            {
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
                if (read == 0)
                    break;
                line += buffer.AsSpan(0, read).Count((byte)'\n'); // vectorised count
                remaining -= read;
            }
        }
    }
}
