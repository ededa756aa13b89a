namespace Playstream.Shipping;

/// <summary>One followed file at one moment, for the status line.</summary>
/// <param name="Path">Where it was last found.</param>
/// <param name="Size">Its size.</param>
/// <param name="Read">Offset after the last complete line read.</param>
/// <param name="Acknowledged">Offset below which Kafka has acknowledged every line.</param>
public readonly record struct FileProgress(string Path, long Size, long Read, long Acknowledged)
{
    /// <summary>Bytes between the acknowledged position and the end of the file.</summary>
    public long Behind => Math.Max(0, Size - Acknowledged);
}
