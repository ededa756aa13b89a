using System.Text;
using Playstream.Shipping.Delivery;
using Playstream.Shipping.Sinks;

namespace Playstream.Shipping.Tests;

/// <summary>Keeps every line sent; acknowledges at once, or holds the acknowledgements until released.</summary>
internal sealed class CollectingSink : ILineSink
{
    private readonly List<(AckWindow Window, int Slot)> _held = [];
    private long _acknowledged;

    public List<(string Path, long Offset, string Line)> Sent { get; } = [];

    /// <summary>The source id each line was sent with, in the order of <see cref="Sent"/>.</summary>
    public List<ulong> Sources { get; } = [];

    /// <summary>While true, lines are kept unacknowledged (as if Kafka never confirmed them).</summary>
    public bool HoldAcks { get; set; }

    public IEnumerable<string> Lines => Sent.Select(s => s.Line);

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public string? Failure => null;

    public string? Trouble => null;

    public bool Send(ReadOnlySpan<byte> line, string path, ulong sourceId, long offset, AckWindow window, int slot, CancellationToken stop)
    {
        lock (Sent)
        {
            Sent.Add((path, offset, Encoding.UTF8.GetString(line)));
            Sources.Add(sourceId);
        }
        if (HoldAcks)
        {
            _held.Add((window, slot));
        }
        else
        {
            window.Acknowledge(slot);
            Interlocked.Increment(ref _acknowledged);
        }
        return true;
    }

    /// <summary>Acknowledges held lines, in the order given by <paramref name="order"/> (indexes into the held list).</summary>
    public void Release(params int[] order)
    {
        foreach (var i in order)
        {
            _held[i].Window.Acknowledge(_held[i].Slot);
            Interlocked.Increment(ref _acknowledged);
        }
    }

    public int Held => _held.Count;

    /// <summary>Runs when the shipper flushes at its stop, before it saves (to acknowledge some held lines then).</summary>
    public Action? OnFlush { get; set; }

    public void Push()
    {
    }

    public bool Flush(TimeSpan timeout)
    {
        OnFlush?.Invoke();
        return !HoldAcks || _held.Count == 0;
    }

    public void Dispose()
    {
    }
}
