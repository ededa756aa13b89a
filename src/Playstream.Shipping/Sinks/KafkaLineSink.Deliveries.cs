using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// The sink's delivery reports. librdkafka calls <see cref="OnDelivered"/> once per record, on the
/// thread that polls (the sink's own, or the one flushing), thousands in a row for one produce
/// response. Each call only notes its record; what the thread noted is applied when its poll
/// returns: the window's lines acknowledged under one lock, the counts of data in flight moved once.
/// </summary>
public sealed unsafe partial class KafkaLineSink
{
    [ThreadStatic]
    private static Deliveries? t_deliveries;

    private void PollLoop()
    {
        while (!_disposed)
        {
            _ = RdKafka.Poll(_handle, 100);
            ApplyDeliveries();
        }
    }

    /// <summary>Applies the deliveries this thread noted for this sink.</summary>
    private void ApplyDeliveries()
    {
        if (t_deliveries is { } noted && ReferenceEquals(noted.Sink, this))
            noted.Apply();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDelivered(IntPtr handle, RdKafka.Message* message, IntPtr opaque)
    {
        var sink = Of(opaque);
        if (message->Error != 0)
        {
            // The message timeout is infinite, so this is not Kafka being away: waiting will not help.
            sink.Fail($"a line could not be delivered to {sink._topicName}: {RdKafka.ErrorName(message->Error)}");
            return;
        }
        var noted = t_deliveries ??= new Deliveries();
        var token = (long)message->Private;
        noted.Note(sink, Volatile.Read(ref sink._windows)[(int)(token >> 32)], (int)(uint)token, (long)(message->Length + message->KeyLength));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(IntPtr handle, int error, byte* reason, IntPtr opaque)
    {
        var sink = Of(opaque);
        // Transport errors, brokers down, timeouts: the client retries by itself; say so once.
        var text = $"kafka unreachable ({RdKafka.Text(reason)}); holding lines and retrying";
        if (Interlocked.Exchange(ref sink._trouble, text) is null)
            sink._log?.Invoke(text);
    }

    /// <summary>Deliveries one thread noted and has not applied yet: a run of slots of one window, and counts.</summary>
    private sealed class Deliveries
    {
        private readonly int[] _slots = new int[4096];
        private AckWindow? _window;
        private int _count;
        private long _lines;
        private long _bytes;

        public KafkaLineSink? Sink { get; private set; }

        public void Note(KafkaLineSink sink, AckWindow window, int slot, long bytes)
        {
            if (!ReferenceEquals(sink, Sink))
            {
                Apply();
                Sink = sink;
            }
            if (!ReferenceEquals(window, _window) || _count == _slots.Length)
            {
                AcknowledgeRun();
                _window = window;
            }
            _slots[_count++] = slot;
            _lines++;
            _bytes += bytes;
        }

        public void Apply()
        {
            AcknowledgeRun();
            if (Sink is not { } sink || _lines == 0)
                return;
            Interlocked.Add(ref sink._acknowledged, _lines);
            Interlocked.Add(ref sink._inFlightLines, -_lines);
            Interlocked.Add(ref sink._inFlightBytes, -_bytes);
            _lines = 0;
            _bytes = 0;
            if (sink._room.CurrentCount == 0)
                sink._room.Release();
            if (Volatile.Read(ref sink._trouble) is not null && Interlocked.Exchange(ref sink._trouble, null) is not null)
                sink._log?.Invoke("kafka: reachable again, delivering");
        }

        private void AcknowledgeRun()
        {
            if (_count > 0)
                _window!.Acknowledge(_slots.AsSpan(0, _count));
            _count = 0;
        }
    }
}
