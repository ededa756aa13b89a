namespace Playstream.Kafka.Producing;

/// <summary>
/// The producer's delivery reports, taken as librdkafka events: one event holds the records of one
/// produce response, read here a few hundred at a time straight from the library's memory (a
/// callback per record cost a call from native code into .NET for each). What one serving brought
/// is applied at its end: the receiver told of the tokens a few thousand at a time, the counts of
/// data in flight moved once.
/// </summary>
public sealed unsafe partial class KafkaBatchProducer
{
    /// <summary>How long the sending thread may go without serving reports before the producer's own thread does.</summary>
    private const int SenderQuietMs = 20;

    private const int RecordsPerRead = 256;

    [ThreadStatic]
    private static Deliveries? t_deliveries;

    /// <summary>Serves the reports on the sending thread, waiting up to <paramref name="timeoutMs"/> for the first.</summary>
    private void ServeReports(int timeoutMs)
    {
        Volatile.Write(ref _senderServed, Environment.TickCount64);
        Serve(timeoutMs);
    }

    /// <summary>Has the producer's own thread serve the reports from now on, until the sending thread serves them again.</summary>
    private void HandReportsOver()
    {
        Volatile.Write(ref _senderServed, 0);
        if (_pollerWake.CurrentCount == 0)
            _pollerWake.Release();
    }

    /// <summary>Serves the reports while the sending thread does not: while nothing is sent, or it waits in a flush.</summary>
    private void PollWhileIdle()
    {
        while (!_disposed)
        {
            if (Environment.TickCount64 - Volatile.Read(ref _senderServed) < SenderQuietMs)
            {
                _pollerWake.Wait(SenderQuietMs);
                continue;
            }
            Serve(100);
        }
    }

    /// <summary>Takes every report that is there (waiting up to <paramref name="timeoutMs"/> for the first) and applies them.</summary>
    private void Serve(int timeoutMs)
    {
        var noted = t_deliveries ??= new Deliveries();
        noted.Begin(this);
        var records = stackalloc RdKafka.Message*[RecordsPerRead];
        for (var report = RdKafka.QueuePoll(_reports, timeoutMs); report != IntPtr.Zero; report = RdKafka.QueuePoll(_reports, 0))
        {
            if (RdKafka.EventType(report) == RdKafka.EventDeliveryReport)
            {
                int count;
                while ((count = (int)RdKafka.EventMessageArray(report, records, RecordsPerRead)) > 0)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var record = records[i];
                        if (record->Error != 0)
                        {
                            // A record never times out, so this is not Kafka being away: waiting will not help.
                            Fail($"{_what} could not be delivered to {Topic}: {RdKafka.ErrorName(record->Error)}");
                            continue;
                        }
                        noted.Note((long)record->Private, (long)(record->Length + record->KeyLength));
                    }
                }
            }
            RdKafka.EventDestroy(report); // frees the records
        }
        noted.Apply();
    }

    /// <summary>Deliveries one thread took and has not applied yet.</summary>
    private sealed class Deliveries
    {
        private readonly long[] _tokens = new long[4096];
        private KafkaBatchProducer _producer = null!;
        private int _count;
        private long _records;
        private long _bytes;

        public void Begin(KafkaBatchProducer producer) => _producer = producer;

        public void Note(long token, long bytes)
        {
            if (_producer._receiver is not null)
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
            var producer = _producer;
            if (_records == 0)
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
                _producer._receiver!.Delivered(_tokens.AsSpan(0, _count));
            _count = 0;
        }
    }
}
