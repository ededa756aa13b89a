namespace Playstream.Embedded.Runs;

/// <summary>Bytes of event files read so far, out of all of them.</summary>
public readonly record struct RunProgress(long BytesRead, long TotalBytes);
