namespace Playstream.Core.Files;

/// <summary>
/// Takes one complete line of a followed file: its bytes without the <c>\n</c> (a <c>\r</c> before
/// it is kept: see <see cref="Events.PlayLine"/>), its number, and the file bytes [start, end) it
/// spans, its <c>\n</c> included. False stops the reading before it: the line is handed out again next time.
/// </summary>
public delegate bool LineHandler(ReadOnlySpan<byte> line, long number, long start, long end);
