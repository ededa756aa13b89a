using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Sinks;

/// <summary>Prints each line as a parsed event (see <see cref="RubyDebugFormat"/>) instead of sending it; printed counts as delivered.</summary>
public sealed class ConsoleEventSink(TextWriter output) : ILineSink
{
    private long _acknowledged;

    public long Acknowledged => _acknowledged;

    public string? Failure => null;

    public string? Trouble => null;

    public bool Send(ReadOnlySpan<byte> line, string path, ulong sourceId, long offset, AckWindow window, int slot, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(window);
        output.Write(RubyDebugFormat.Format(line, path, sourceId, offset));
        window.Acknowledge(slot);
        _acknowledged++;
        return true;
    }

    public void Push()
    {
    }

    public bool Flush(TimeSpan timeout)
    {
        output.Flush();
        return true;
    }

    public void Dispose()
    {
    }
}
