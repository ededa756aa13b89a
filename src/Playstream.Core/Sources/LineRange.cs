namespace Playstream.Core.Sources;

/// <summary>
/// A byte range <c>[Start, End)</c> of a line file whose boundaries fall right after a <c>\n</c>
/// (or at the file's ends), so it holds whole lines only.
/// </summary>
/// <param name="Start">Offset of the range's first line.</param>
/// <param name="End">Offset just past the range's last line.</param>
/// <param name="FirstLine">1-based number of the range's first line in the file, or 0 when the lines were not counted.</param>
public readonly record struct LineRange(long Start, long End, long FirstLine)
{
    public long Length => End - Start;
}
