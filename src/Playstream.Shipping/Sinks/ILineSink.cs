using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Sinks;

/// <summary>Where shipped lines go: Kafka, or the console for a look at what would be sent.</summary>
public interface ILineSink : IDisposable
{
    /// <summary>
    /// Sends one line (its bytes unchanged, without the <c>\n</c>) and calls
    /// <c>window.Acknowledge(slot)</c> once it is safely delivered. Blocks while the sink holds as
    /// much as it may (the bound on data in flight).
    /// </summary>
    /// <param name="sourceId">The id of the file incarnation the line comes from (<see cref="Files.SourceId"/>).</param>
    /// <param name="offset">The byte offset of the line's first byte in that file.</param>
    /// <returns>False when <paramref name="stop"/> was cancelled while waiting for room: the line was not sent.</returns>
    bool Send(ReadOnlySpan<byte> line, string path, ulong sourceId, long offset, AckWindow window, int slot, CancellationToken stop);

    /// <summary>Hands over lines a sink may have staged to send in one batch; called after each read of a file.</summary>
    void Push();

    /// <summary>Waits until everything sent is acknowledged; false when the timeout came first.</summary>
    bool Flush(TimeSpan timeout);

    /// <summary>Lines acknowledged so far.</summary>
    long Acknowledged { get; }

    /// <summary>A delivery failed for good (the shipper stops); null while all is well.</summary>
    string? Failure { get; }

    /// <summary>A passing trouble the sink is waiting out (Kafka unreachable), for the status line; null when there is none.</summary>
    string? Trouble { get; }
}
