using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Playstream.Kafka.Producing;

/// <summary>
/// The producer's delivery reports. librdkafka calls <see cref="OnDelivered"/> once per record, on
/// the thread that polls, thousands in a row for one produce response. Each call only notes its
/// record; what the thread noted is applied when its poll returns: the receiver told of the tokens
/// a few thousand at a time, the counts of data in flight moved once.
/// </summary>
public sealed unsafe partial class KafkaBatchProducer
{
    /// <summary>How long the sending thread may go without serving reports before the producer's own thread does.</summary>
    private const int SenderQuietMs = 20;

    [ThreadStatic]
    private static Deliveries? t_deliveries;

    private void ServeReports(int timeoutMs)
    {
        Volatile.Write(ref _senderServed, Environment.TickCount64);
        _ = RdKafka.Poll(_handle, timeoutMs);
        ApplyDeliveries();
    }

    /// <summary>Serves the reports while the sending thread does not: while nothing is sent, or it waits in a flush.</summary>
    private void PollWhileIdle()
    {
        while (!_disposed)
        {
            if (Environment.TickCount64 - Volatile.Read(ref _senderServed) < SenderQuietMs)
            {
                Thread.Sleep(SenderQuietMs);
                continue;
            }
            _ = RdKafka.Poll(_handle, 100);
            ApplyDeliveries();
        }
    }

    /// <summary>Applies the deliveries this thread noted for this producer.</summary>
    private void ApplyDeliveries()
    {
        if (t_deliveries is { } noted && ReferenceEquals(noted.Producer, this))
            noted.Apply();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnDelivered(IntPtr handle, RdKafka.Message* message, IntPtr opaque)
    {
        var producer = Of(opaque);
        if (message->Error != 0)
        {
            // A record never times out, so this is not Kafka being away: waiting will not help.
            producer.Fail($"{producer._what} could not be delivered to {producer.Topic}: {RdKafka.ErrorName(message->Error)}");
            return;
        }
        (t_deliveries ??= new Deliveries()).Note(producer, (long)message->Private, (long)(message->Length + message->KeyLength));
    }

    /// <summary>Deliveries one thread noted and has not applied yet.</summary>
    private sealed class Deliveries
    {
        private readonly long[] _tokens = new long[4096];
        private int _count;
        private long _records;
        private long _bytes;

        public KafkaBatchProducer? Producer { get; private set; }

        public void Note(KafkaBatchProducer producer, long token, long bytes)
        {
            if (!ReferenceEquals(producer, Producer))
            {
                Apply();
                Producer = producer;
            }
            if (producer._receiver is not null)
            {
                if (_count == _tokens.Length)
                    Hand();
                _tokens[_count++] = token;
            }
            _records++;
            _bytes += bytes;
        }

        public void Apply()
        {
            Hand();
            if (Producer is not { } producer || _records == 0)
                return;
            Interlocked.Add(ref producer._delivered, _records);
            Interlocked.Add(ref producer._inFlightRecords, -_records);
            Interlocked.Add(ref producer._inFlightBytes, -_bytes);
            _records = 0;
            _bytes = 0;
            if (producer._room.CurrentCount == 0)
                producer._room.Release();
            if (Volatile.Read(ref producer._trouble) is not null && Interlocked.Exchange(ref producer._trouble, null) is not null)
                producer._options.Log?.Invoke("kafka: reachable again, delivering");
        }

        private void Hand()
        {
            if (_count > 0)
                Producer!._receiver!.Delivered(_tokens.AsSpan(0, _count));
            _count = 0;
        }
    }
}
