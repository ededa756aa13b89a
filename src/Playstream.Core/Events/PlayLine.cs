using System.Runtime.CompilerServices;
using System.Text;

namespace Playstream.Core.Events;

/// <summary>
/// What every source makes of one line of a play log: the event files of <c>run</c>, the files a
/// followed run tails, and the records <c>process</c> takes from Kafka all go through here, so
/// they cannot disagree. A line is the bytes before its <c>\n</c>, as it was read; one <c>\r</c>
/// at its end belongs to the terminator (a CRLF log reads like an LF log, whichever reader cut
/// it); a line of only spaces, tabs and <c>\r</c> is blank; any other line that is not a play
/// is a dead letter, kept with its reason, its position and its text.
/// </summary>
public static class PlayLine
{
    /// <summary>
    /// Reads one line. For <see cref="LineKind.Play"/>, <paramref name="play"/> and the zip's bytes
    /// (<c>line[zip]</c>); for <see cref="LineKind.DeadLetter"/>, the <paramref name="reason"/>.
    /// Allocates nothing: it is on the path of every play.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LineKind Read(ReadOnlySpan<byte> line, out PlayEvent play, out Range zip, out DeadLetterReason reason)
    {
        if (EventParser.TryParse(line, out play, out zip, out reason))
            return LineKind.Play;
        return EventParser.IsBlank(line) ? LineKind.Blank : LineKind.DeadLetter;
    }

    /// <summary>The dead letter of a line: its text as the log had it, and <paramref name="detail"/>, or the reason's description.</summary>
    public static DeadLetter DeadLetter(DeadLetterReason reason, SourcePosition position, ReadOnlySpan<byte> line, string? detail = null) =>
        new(reason, position, Text(line), detail ?? EventParser.Describe(reason));

    /// <summary>The line as text, its terminator's <c>\r</c> left out; bytes that are not UTF-8 become U+FFFD.</summary>
    public static string Text(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(Content(line));

    /// <summary>The line without the <c>\r</c> of a CRLF terminator.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<byte> Content(ReadOnlySpan<byte> line) =>
        !line.IsEmpty && line[^1] == (byte)'\r' ? line[..^1] : line;
}
