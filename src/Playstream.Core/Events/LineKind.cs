namespace Playstream.Core.Events;

/// <summary>What one line of a play log is (see <see cref="PlayLine"/>).</summary>
public enum LineKind : byte
{
    /// <summary>A valid play.</summary>
    Play,

    /// <summary>Empty, or only spaces, tabs and <c>\r</c>: skipped silently, counted apart.</summary>
    Blank,

    /// <summary>Anything else: kept as a dead letter with its reason.</summary>
    DeadLetter,
}
