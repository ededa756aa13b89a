namespace Playstream.Core.Files;

/// <summary>What a look at a followed file found since the last look.</summary>
public enum FileChange
{
    /// <summary>Same size as before.</summary>
    None,

    /// <summary>Bytes were appended.</summary>
    Grown,

    /// <summary>
    /// Shorter than what was read, or its first bytes are no longer what they were: truncated in
    /// place (copytruncate) and perhaps written again. It must be read again from the beginning.
    /// </summary>
    Truncated,
}
