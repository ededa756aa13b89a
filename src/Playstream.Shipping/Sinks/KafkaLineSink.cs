using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Playstream.Kafka.Configuration;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Consuming;
using Playstream.Shipping.Delivery;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// Sends lines to a topic through librdkafka directly (see <see cref="RdKafka"/>), keyed by customer_id
/// and source position (<see cref="ShippedLineKey"/>) and partitioned by the customer_id alone
/// (<see cref="CustomerPartitioner"/>), and acknowledges each in its file's window when the brokers
/// confirm it (acks=all by default).
/// Lines are staged and handed over a batch at a time; while Kafka is unreachable the client retries
/// without end and <see cref="Send"/> blocks once the bound on data in flight is reached: nothing is dropped.
/// </summary>
/// <remarks>
/// The bound is kept here (lines and bytes not yet acknowledged), below librdkafka's own queue limits,
/// so a batch is never refused for a full queue: a refused record in the middle of a batch would
/// let the records after it overtake it.
/// </remarks>
public sealed unsafe partial class KafkaLineSink : ILineSink
{
    private const int BatchLines = 2048;
    private const int StagingBytes = 1 << 20;
    private readonly IntPtr _handle;
    private readonly IntPtr _topic;
    private readonly GCHandle _self;
    private readonly Thread _poller;
    private readonly string _topicName;
    private readonly Action<string>? _log;
    private readonly long _maxLines;
    private readonly long _maxBytes;
    private readonly CustomerKeys _customers = new();
    private readonly Lock _windowsGate = new();
    private AckWindow[] _windows = []; // by id; replaced, never changed, when a window joins: read without a lock
    private readonly RdKafka.Message* _batch;
    private readonly SemaphoreSlim _room = new(0);
    private byte[] _staging = GC.AllocateUninitializedArray<byte>(StagingBytes, pinned: true);
    private int _staged;
    private int _stagedBytes;
    private long _inFlightLines;
    private long _inFlightBytes;
    private long _roomLines; // what may still be staged before the bound on data in flight is read again
    private long _roomBytes;
    private long _acknowledged;
    private string? _failure;
    private string? _trouble;
    private volatile bool _disposed;
    private byte[] _sourcePart = [];
    private ulong _sourceId;

    public KafkaLineSink(KafkaOptions options, string topic, ShipSettings? settings = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Playstream.Kafka.Admin.TopicNames.Validate(topic);
        settings ??= ShipSettings.Default;
        _topicName = topic;
        _log = log;
        _maxLines = settings.MaxQueuedLines;
        _maxBytes = settings.MaxQueuedKBytes * 1024L;
        var config = options.ToProducerConfig();
        settings.ApplyTo(config, options.ExtraProperties);
        // librdkafka's own limits sit above ours (see remarks) unless the user set them.
        if (!options.ExtraProperties.ContainsKey("queue.buffering.max.messages"))
            config.Set("queue.buffering.max.messages", (Math.Min(int.MaxValue / 2, settings.MaxQueuedLines) * 2L + BatchLines).ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!options.ExtraProperties.ContainsKey("queue.buffering.max.kbytes"))
            config.Set("queue.buffering.max.kbytes", ((long)settings.MaxQueuedKBytes * 2 + StagingBytes / 1024 * 2).ToString(System.Globalization.CultureInfo.InvariantCulture));

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
        RdKafka.ConfSetDeliveryCallback(conf, &OnDelivered);
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
            CustomerPartitioner.Install(topicConf, config.Get("partitioner") ?? "murmur2_random");
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
            _self.Free();
            throw new InvalidOperationException($"cannot open topic {topic} for producing");
        }
        _batch = (RdKafka.Message*)NativeMemory.AllocZeroed((nuint)BatchLines, (nuint)sizeof(RdKafka.Message));
        // Delivery reports are served here, off the reading thread.
        _poller = new Thread(PollLoop) { IsBackground = true, Name = "kafka delivery reports" };
        _poller.Start();
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public string? Failure => Volatile.Read(ref _failure);

    public string? Trouble => Volatile.Read(ref _trouble);

    public bool Send(ReadOnlySpan<byte> line, string path, ulong sourceId, long offset, AckWindow window, int slot, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(window);
        var customer = _customers.Of(line);
        if (_sourcePart.Length == 0 || sourceId != _sourceId)
        {
            // Lines come in runs from one file: its "@SOURCE:" is made once per run.
            _sourcePart = ShippedLineKey.SourcePart(sourceId);
            _sourceId = sourceId;
        }
        var room = line.Length + ShippedLineKey.MaxLength; // the key's exact length is known once written
        if (_staged == BatchLines || _stagedBytes + room > _staging.Length)
            Push();
        if (room > _staging.Length)
            _staging = GC.AllocateUninitializedArray<byte>(room, pinned: true); // staging is empty after Push
        // The bound on data in flight, read again only once the room last read is used up (the
        // delivery thread moves those counts: reading them for every line costs more than the line).
        while (_staged >= _roomLines || _stagedBytes >= _roomBytes)
        {
            _roomLines = _maxLines - Interlocked.Read(ref _inFlightLines);
            _roomBytes = _maxBytes - Interlocked.Read(ref _inFlightBytes);
            if (_staged < _roomLines && _stagedBytes < _roomBytes)
                break;
            // None: wait for acknowledgements.
            Push();
            if (Failure is not null || stop.IsCancellationRequested)
                return false;
            _room.Wait(10, CancellationToken.None);
        }
        int bytes;
        fixed (byte* staging = _staging)
        {
            var message = _batch + _staged;
            var at = staging + _stagedBytes;
            line.CopyTo(new Span<byte>(at, line.Length));
            message->Payload = at;
            message->Length = (nuint)line.Length;
            var keyLength = ShippedLineKey.Write(new Span<byte>(at + line.Length, ShippedLineKey.MaxLength), customer, _sourcePart, offset);
            message->Key = at + line.Length;
            message->KeyLength = (nuint)keyLength;
            bytes = line.Length + keyLength;
            message->Partition = RdKafka.PartitionUnassigned;
            message->Error = 0;
            message->Private = Token(window, slot);
        }
        _staged++;
        _stagedBytes += bytes;
        return true;
    }

    /// <summary>Hands the staged lines to the client in one call.</summary>
    public void Push()
    {
        if (_staged == 0)
            return;
        Interlocked.Add(ref _inFlightLines, _staged);
        Interlocked.Add(ref _inFlightBytes, _stagedBytes);
        _roomLines -= _staged;
        _roomBytes -= _stagedBytes;
        int queued;
        fixed (byte* pin = _staging) // the pointers in the batch point into the staging array
            queued = RdKafka.ProduceBatch(_topic, RdKafka.PartitionUnassigned, RdKafka.MessageCopy | RdKafka.MessagePartition, _batch, _staged);
        if (queued != _staged)
        {
            for (var i = 0; i < _staged; i++)
            {
                if (_batch[i].Error != 0)
                {
                    Fail($"a line could not be queued for {_topicName}: {RdKafka.ErrorName(_batch[i].Error)}");
                    break;
                }
            }
        }
        _staged = 0;
        _stagedBytes = 0;
    }

    public bool Flush(TimeSpan timeout)
    {
        Push();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var flushed = RdKafka.Flush(_handle, (int)Math.Min(int.MaxValue, timeout.TotalMilliseconds)) == 0;
        ApplyDeliveries(); // what this thread's flush served
        // The delivery thread applies what it served once its poll returns, maybe after the flush did.
        while (flushed && Interlocked.Read(ref _inFlightLines) > 0 && Failure is null && clock.Elapsed < timeout)
            _room.Wait(10, CancellationToken.None);
        return flushed && Interlocked.Read(ref _inFlightLines) == 0 && Failure is null;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        // The poller waits up to 100 ms for a report: wake it, so that a stop does not wait for that.
        var reports = RdKafka.QueueGetMain(_handle);
        RdKafka.QueueYield(reports);
        RdKafka.QueueDestroy(reports);
        _poller.Join();
        RdKafka.TopicDestroy(_topic);
        RdKafka.Destroy(_handle);
        NativeMemory.Free(_batch);
        _self.Free();
        _room.Dispose();
    }

    private IntPtr Token(AckWindow window, int slot)
    {
        if (window.SinkState is not int id)
        {
            lock (_windowsGate)
            {
                id = _windows.Length;
                Volatile.Write(ref _windows, [.. _windows, window]);
            }
            window.SinkState = id;
        }
        return new IntPtr(((long)id << 32) | (uint)slot); // 64-bit processes: the window id in the high half
    }

    private void Fail(string reason) => Interlocked.CompareExchange(ref _failure, reason, null);

    private static KafkaLineSink Of(IntPtr opaque) => (KafkaLineSink)GCHandle.FromIntPtr(opaque).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnLog(IntPtr handle, int level, byte* facility, byte* message)
    {
        const int warning = 4; // syslog levels: 0 emergency .. 4 warning .. 7 debug
        if (level > warning)
            return;
        var source = RdKafka.Text(facility);
        // Connection failures are logged on every retry; the error callback has said it once already.
        if (source == "FAIL")
            return;
        var opaque = RdKafka.Opaque(handle);
        if (opaque != IntPtr.Zero)
            Of(opaque)._log?.Invoke($"kafka: {source}: {RdKafka.Text(message)}");
    }
}
