using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Playstream's one Kafka producer. Records are staged and handed to librdkafka a batch at a time
/// (<c>rd_kafka_produce_batch</c>, see <see cref="RdKafka"/>), each to the partition its sender
/// chose or, sent to <see cref="AnyPartition"/>, to the one its key's customer part gives
/// (<see cref="CustomerPartitioner"/>). Deliveries come back as the tokens the records were sent
/// with (<see cref="IDeliveryReceiver"/>).
/// <list type="bullet">
/// <item>Nothing is dropped: a record never times out, so while Kafka is unreachable the client
/// retries and <see cref="Send"/> blocks once the bound on data in flight is reached.</item>
/// <item>Order: one request in flight per broker (<see cref="ProducerSettings"/>), so the records
/// of one partition arrive in the order sent, resends included.</item>
/// </list>
/// One thread sends at a time (<see cref="Send"/>, <see cref="Push"/>, <see cref="Flush"/>).
/// </summary>
/// <remarks>
/// The bound is kept here (records and bytes not yet acknowledged), below librdkafka's own queue
/// limits, so a batch is never refused for a full queue: a refused record in the middle of a batch
/// would let the records after it overtake it.
/// Delivery reports are served by the sending thread after each hand-over and while it waits, so
/// that librdkafka frees each record on the thread that allocated it (freed on another thread, each
/// record cost a lock on the allocating thread's malloc arena); a thread of the producer's own
/// serves them while nothing is being sent.
/// Confluent.Kafka's managed clients remain for consuming and topic admin only: every sender's needs
/// (its key, a chosen partition or the customer's, what to do on delivery) fit this producer, and
/// the managed Produce costs about two microseconds a record, more than the rest of the shipper.
/// </remarks>
public sealed unsafe partial class KafkaBatchProducer : IDisposable
{
    /// <summary>The partition of a record placed by its key (<see cref="CustomerPartitioner"/>), or at random without one.</summary>
    public const int AnyPartition = RdKafka.PartitionUnassigned;

    private const int BatchRecords = 2048;
    private const int StagingBytes = 1 << 20;
    private const int MostPlacedPartitions = 1024;
    private readonly IntPtr _handle;
    private readonly IntPtr _topic;
    private readonly IntPtr _reports;
    private readonly GCHandle _self;
    private readonly Thread _poller;
    private readonly KafkaOptions _options;
    private readonly string _what;
    private readonly IDeliveryReceiver? _receiver;
    private readonly long _maxRecords;
    private readonly long _maxBytes;
    private readonly RdKafka.Message* _batch;
    private readonly RdKafka.Message* _placed; // the batch grouped by partition (see Place)
    private readonly CustomerPartitioner.State* _placement;
    private readonly SemaphoreSlim _room = new(0);
    private readonly SemaphoreSlim _pollerWake = new(0);
    private byte[] _staging = GC.AllocateUninitializedArray<byte>(StagingBytes, pinned: true);
    private int _staged;
    private int _stagedBytes;
    private long _inFlightRecords;
    private long _inFlightBytes;
    private long _roomRecords; // what may still be staged before the bound on data in flight is read again
    private long _roomBytes;
    private long _delivered;
    private long _senderServed; // when the sending thread last served reports (Environment.TickCount64)
    private string? _failure;
    private string? _trouble;
    private volatile bool _disposed;

    /// <param name="what">What the records are, plural, for messages (<c>lines</c>, <c>dead letters</c>).</param>
    /// <param name="receiver">Told of each delivered record's token; null when only the counts matter.</param>
    /// <exception cref="ArgumentException">A librdkafka property or the partitioner is not valid.</exception>
    public KafkaBatchProducer(KafkaOptions options, string topic, ProducerSettings settings, string what = "records", IDeliveryReceiver? receiver = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        Admin.TopicNames.Validate(topic);
        Topic = topic;
        _options = options;
        _what = what;
        _receiver = receiver;
        _maxRecords = settings.MaxQueuedRecords;
        _maxBytes = settings.MaxQueuedKBytes * 1024L;
        var config = options.ToProducerConfig();
        settings.ApplyTo(config, options.ExtraProperties, BatchRecords, StagingBytes / 1024);

        _self = GCHandle.Alloc(this);
        var conf = RdKafka.ConfNew();
        var error = stackalloc byte[512];
        foreach (var (key, value) in config)
        {
            if (key.StartsWith("dotnet.", StringComparison.Ordinal) || value is null)
                continue;
            if (RdKafka.ConfSet(conf, key, value, error, 512) != 0)
            {
                RdKafka.ConfDestroy(conf);
                _self.Free();
                throw new ArgumentException($"Kafka property {key}: {RdKafka.Text(error)}");
            }
        }
        RdKafka.ConfSetOpaque(conf, GCHandle.ToIntPtr(_self));
        RdKafka.ConfSetEvents(conf, RdKafka.EventDeliveryReport);
        RdKafka.ConfSetErrorCallback(conf, &OnError);
        RdKafka.ConfSetLogCallback(conf, &OnLog);
        _handle = RdKafka.New(RdKafka.Producer, conf, error, 512); // takes the conf on success
        if (_handle == IntPtr.Zero)
        {
            RdKafka.ConfDestroy(conf);
            _self.Free();
            throw new InvalidOperationException($"cannot create a Kafka producer: {RdKafka.Text(error)}");
        }
        var topicConf = RdKafka.DefaultTopicConfDup(_handle); // the acks, timeouts and partitioner set above
        try
        {
            _placement = CustomerPartitioner.Install(topicConf, config.Get("partitioner") ?? settings.PartitionerName);
        }
        catch (ArgumentException)
        {
            RdKafka.TopicConfDestroy(topicConf);
            RdKafka.Destroy(_handle);
            _self.Free();
            throw;
        }
        _topic = RdKafka.TopicNew(_handle, topic, topicConf); // takes the topic conf
        if (_topic == IntPtr.Zero)
        {
            RdKafka.Destroy(_handle);
            NativeMemory.Free(_placement);
            _self.Free();
            throw new InvalidOperationException($"cannot open topic {topic} for producing");
        }
        _reports = RdKafka.QueueGetMain(_handle);
        _batch = (RdKafka.Message*)NativeMemory.AllocZeroed((nuint)BatchRecords, (nuint)sizeof(RdKafka.Message));
        _placed = (RdKafka.Message*)NativeMemory.AllocZeroed((nuint)BatchRecords, (nuint)sizeof(RdKafka.Message));
        _poller = new Thread(PollWhileIdle) { IsBackground = true, Name = "kafka delivery reports" };
        _poller.Start();
    }

    public string Topic { get; }

    /// <summary>
    /// Loads the system's librdkafka rather than Confluent.Kafka's for the producers of this
    /// process; for a process with no other Kafka client, before its first producer (see <see cref="RdKafka.PreferSystemLibrary"/>).
    /// </summary>
    public static void PreferSystemLibrary() => RdKafka.PreferSystemLibrary();

    /// <summary>Records the brokers have acknowledged.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Records sent and not acknowledged yet.</summary>
    public long InFlight => Interlocked.Read(ref _inFlightRecords) + _staged;

    /// <summary>A record could not be delivered for good (too large, topic not allowed); null while all is well.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    /// <summary>A passing trouble being waited out (Kafka unreachable); null when there is none.</summary>
    public string? Trouble => Volatile.Read(ref _trouble);

    /// <summary>
    /// Stages one record, handed over with the next batch. Blocks while the bound on data in flight
    /// is reached, serving delivery reports meanwhile.
    /// </summary>
    /// <param name="key">The key; empty for none.</param>
    /// <param name="partition">A partition, or <see cref="AnyPartition"/>.</param>
    /// <param name="token">Handed to the <see cref="IDeliveryReceiver"/> when the record is delivered.</param>
    /// <returns>False when the producer has failed or <paramref name="stop"/> was cancelled while waiting: the record was not sent.</returns>
    public bool Send(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int partition, long token, CancellationToken stop)
    {
        if (Volatile.Read(ref _failure) is not null)
            return false;
        var bytes = key.Length + value.Length;
        if (_staged == BatchRecords || _stagedBytes + bytes > _staging.Length)
            Push();
        if (bytes > _staging.Length)
            _staging = GC.AllocateUninitializedArray<byte>(bytes, pinned: true); // staging is empty after Push
        // The bound on data in flight, read again only once the room last read is used up (the
        // delivery reports move those counts: reading them for every record costs more than the record).
        while (_staged >= _roomRecords || _stagedBytes >= _roomBytes)
        {
            _roomRecords = _maxRecords - Interlocked.Read(ref _inFlightRecords);
            _roomBytes = _maxBytes - Interlocked.Read(ref _inFlightBytes);
            if (_staged < _roomRecords && _stagedBytes < _roomBytes)
                break;
            // None: wait for acknowledgements.
            Push();
            if (Failure is not null || stop.IsCancellationRequested)
                return false;
            ServeReports(10);
        }
        fixed (byte* staging = _staging)
        {
            var message = _batch + _staged;
            var at = staging + _stagedBytes;
            value.CopyTo(new Span<byte>(at, value.Length));
            key.CopyTo(new Span<byte>(at + value.Length, key.Length));
            message->Payload = at;
            message->Length = (nuint)value.Length;
            message->Key = key.IsEmpty ? null : at + value.Length;
            message->KeyLength = (nuint)key.Length;
            message->Partition = partition;
            message->Error = 0;
            message->Private = new IntPtr(token); // 64-bit processes: the whole token
        }
        _staged++;
        _stagedBytes += bytes;
        return true;
    }

    /// <summary>Hands the staged records to the client in one call, and serves the delivery reports that are due.</summary>
    public void Push()
    {
        if (_staged > 0)
        {
            Interlocked.Add(ref _inFlightRecords, _staged);
            Interlocked.Add(ref _inFlightBytes, _stagedBytes);
            _roomRecords -= _staged;
            _roomBytes -= _stagedBytes;
            var batch = Place();
            int queued;
            fixed (byte* pin = _staging) // the pointers in the batch point into the staging array
                queued = RdKafka.ProduceBatch(_topic, RdKafka.PartitionUnassigned, RdKafka.MessageCopy | RdKafka.MessagePartition, batch, _staged);
            if (queued != _staged)
            {
                for (var i = 0; i < _staged; i++)
                {
                    if (batch[i].Error != 0)
                    {
                        Fail($"{_what} could not be queued for {Topic}: {RdKafka.ErrorName(batch[i].Error)}");
                        break;
                    }
                }
            }
            _staged = 0;
            _stagedBytes = 0;
        }
        ServeReports(0);
    }

    /// <summary>
    /// Places the staged records sent to any partition as the topic's partitioner would, among the
    /// partitions it last counted, and returns the batch grouped by partition, each partition's
    /// records in the order sent: librdkafka then looks a partition up once per batch instead of
    /// once per record, and calls back into .NET for none. The first record always goes to the
    /// partitioner, which keeps that count current; it stays first, so it is ahead of every later
    /// record of its partition whatever the count. Records without a customer part go to one random
    /// partition per batch, as the library's sticky partitioning would put them.
    /// </summary>
    private RdKafka.Message* Place()
    {
        var count = Volatile.Read(ref _placement->PartitionCount);
        if (count <= 0 || count > MostPlacedPartitions || _staged < 2)
            return _batch;
        var starts = stackalloc int[count + 1];
        new Span<int>(starts, count + 1).Clear();
        var anywhere = -1;
        for (var i = 1; i < _staged; i++)
        {
            var message = _batch + i;
            if (message->Partition == AnyPartition)
            {
                var partition = CustomerPartitioner.Place(_placement, message->Key, message->KeyLength, count);
                message->Partition = partition >= 0 ? partition : anywhere >= 0 ? anywhere : anywhere = Random.Shared.Next(count);
            }
            else if (message->Partition >= count)
            {
                return _batch; // a partition beyond those counted: the batch goes as it is, in the order sent
            }
            starts[message->Partition + 1]++;
        }
        for (var p = 1; p <= count; p++)
            starts[p] += starts[p - 1];
        _placed[0] = _batch[0];
        for (var i = 1; i < _staged; i++)
            _placed[1 + starts[_batch[i].Partition]++] = _batch[i];
        return _placed;
    }

    /// <summary>Sends what is staged at once (no linger) and waits until everything sent is acknowledged; false when the timeout came first or a record failed.</summary>
    public bool Flush(TimeSpan timeout)
    {
        Push();
        var clock = Stopwatch.StartNew();
        // librdkafka's flush sends at once, without waiting for the linger, and waits for the reports
        // to be served: by the producer's own thread, told here that this one is not serving them.
        HandReportsOver();
        var flushed = RdKafka.Flush(_handle, (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds)) == 0;
        // The producer's thread applies what it served once its poll returns, maybe after the flush did.
        while (flushed && Interlocked.Read(ref _inFlightRecords) > 0 && Failure is null && clock.Elapsed < timeout)
            _room.Wait(10, CancellationToken.None);
        return flushed && Interlocked.Read(ref _inFlightRecords) == 0 && Failure is null;
    }

    /// <summary>
    /// Sends one record at once, for a sender of records one at a time (nothing staged waits for a
    /// batch to fill), reporting trouble as exceptions; blocks while there is no room.
    /// </summary>
    /// <exception cref="KafkaException">An earlier record could not be delivered.</exception>
    public void SendNowOrThrow(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, int partition = AnyPartition)
    {
        if (!Send(key, value, partition, 0, CancellationToken.None))
            throw new KafkaException(new Error(ErrorCode.Local_Fail, Failure));
        Push();
    }

    /// <summary><see cref="Flush"/> for a sender that reports trouble as exceptions.</summary>
    /// <exception cref="KafkaException">A record could not be delivered, or the timeout passed first.</exception>
    public void FlushOrThrow(TimeSpan timeout)
    {
        if (Flush(timeout))
            return;
        throw new KafkaException(Failure is { } failure
            ? new Error(ErrorCode.Local_Fail, failure)
            : new Error(ErrorCode.Local_TimedOut, $"{InFlight:N0} {_what} still unacknowledged after {timeout.TotalSeconds:0} s"));
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        // The producer's thread may be waiting up to 100 ms for a report: wake it, so that a stop does not wait for that.
        HandReportsOver();
        RdKafka.QueueYield(_reports);
        _poller.Join();
        RdKafka.QueueDestroy(_reports);
        RdKafka.TopicDestroy(_topic);
        RdKafka.Destroy(_handle);
        NativeMemory.Free(_placement);
        NativeMemory.Free(_batch);
        NativeMemory.Free(_placed);
        _self.Free();
        _room.Dispose();
        _pollerWake.Dispose();
    }

    private void Fail(string reason) => Interlocked.CompareExchange(ref _failure, reason, null);

    private static KafkaBatchProducer Of(IntPtr opaque) => (KafkaBatchProducer)GCHandle.FromIntPtr(opaque).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnError(IntPtr handle, int error, byte* reason, IntPtr opaque)
    {
        var producer = Of(opaque);
        // Transport errors, brokers down, timeouts: the client retries by itself; say so once.
        var text = $"kafka unreachable ({RdKafka.Text(reason)}); holding {producer._what} and retrying";
        if (Interlocked.Exchange(ref producer._trouble, text) is null)
            producer._options.Log?.Invoke(text);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(IntPtr handle, int level, byte* facility, byte* message)
    {
        var source = RdKafka.Text(facility);
        // Connection failures are logged on every retry; the error callback has said it once already.
        if (source == "FAIL")
            return;
        var opaque = RdKafka.Opaque(handle);
        if (opaque != IntPtr.Zero)
            ClientLogging.Forward(Of(opaque)._options, (Confluent.Kafka.SyslogLevel)level, source, RdKafka.Text(message));
    }
}
