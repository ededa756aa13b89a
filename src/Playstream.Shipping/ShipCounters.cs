namespace Playstream.Shipping;

/// <summary>Running totals, written by the reading thread and read by the status line.</summary>
public sealed class ShipCounters
{
    private long _linesSent;
    private long _bytesSent;
    private long _blankLines;
    private long _startedOver;

    public long LinesSent => Interlocked.Read(ref _linesSent);

    /// <summary>Bytes of the lines sent, their newlines included.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public long BlankLines => Interlocked.Read(ref _blankLines);

    /// <summary>Times a file was found truncated and shipped again from its start.</summary>
    public long StartedOver => Interlocked.Read(ref _startedOver);

    internal void Sent(int bytes)
    {
        Interlocked.Increment(ref _linesSent);
        Interlocked.Add(ref _bytesSent, bytes);
    }

    internal void Blank() => Interlocked.Increment(ref _blankLines);

    internal void StartOver() => Interlocked.Increment(ref _startedOver);
}
