using System.Runtime.InteropServices;

namespace Playstream.Kafka.Producing;

/// <summary>
/// The few librdkafka C functions <see cref="KafkaBatchProducer"/> calls directly: the library
/// Confluent.Kafka ships, or the system's for a process that asks for it (<see cref="PreferSystemLibrary"/>). Confluent's managed Produce
/// costs about two microseconds a record (marshalling, a GC handle and objects per record), which
/// caps a producer well below <c>kcat</c>; <c>rd_kafka_produce_batch</c> hands a thousand records
/// over in one call, copying nothing twice.
/// </summary>
internal static unsafe partial class RdKafka
{
    private const string Library = "librdkafka";

    public const int PartitionUnassigned = -1;
    public const int MessageCopy = 0x2;        // RD_KAFKA_MSG_F_COPY: the library copies key and value
    public const int MessagePartition = 0x8;   // RD_KAFKA_MSG_F_PARTITION: each record's own partition, or the partitioner's for an unassigned one
    public const int Producer = 0;
    public const int ErrorTimedOut = -185;     // RD_KAFKA_RESP_ERR__TIMED_OUT
    public const int EventDeliveryReport = 0x1; // RD_KAFKA_EVENT_DR

    /// <summary>2.0.0: every function called here, with the behaviour relied on (the producer's batch, partitioner and queue calls).</summary>
    private const int MinimumSystemVersion = 0x020000ff;

    // The bundled library sits where the Confluent package puts it (runtimes/RID/native/), which the
    // default probing of a portable app does not search by this name: point it there.
    static RdKafka() => NativeLibrary.SetDllImportResolver(typeof(RdKafka).Assembly, Resolve);

    private static IntPtr s_loaded;
    private static volatile bool s_preferSystem;

    /// <summary>
    /// Has the producer load the system's librdkafka (2.0 or later) rather than the build
    /// Confluent.Kafka ships, when there is one; called before the first producer, by a process
    /// that uses no other Kafka client. On Linux the bundled build computes the CRC-32 that every
    /// record of the 0.9/0.10 message format carries with the zlib compiled into it, at about half
    /// the speed of the system zlib the distribution's build calls (0.91 s against 0.42 s of CPU
    /// for the same 2,000,000 keyed records), on the one broker thread every record passes through.
    /// A process that also has Confluent's clients keeps to their library: two builds of
    /// librdkafka in one process may bind each other's functions.
    /// </summary>
    public static void PreferSystemLibrary() => s_preferSystem = true;

    // Asked at each function's first call: the library is looked for once, since a build that
    // cannot load (the one linked against a libsasl2 the machine lacks) costs a failed dlopen each time.
    private static IntPtr Resolve(string name, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (name != Library)
            return IntPtr.Zero;
        if (s_loaded == IntPtr.Zero)
            s_loaded = Load(assembly);
        return s_loaded;
    }

    /// <summary>
    /// The address of one of the library's exported functions (its built-in partitioners, which
    /// are called through a pointer, not a P/Invoke stub); null when it has none of that name.
    /// </summary>
    public static IntPtr Export(string name)
    {
        _ = ErrorText(0); // loads the library through the resolver if nothing has yet
        var library = s_loaded;
        if (library == IntPtr.Zero && !NativeLibrary.TryLoad(Library, typeof(RdKafka).Assembly, null, out library))
            return IntPtr.Zero;
        return NativeLibrary.TryGetExport(library, name, out var address) ? address : IntPtr.Zero;
    }

    private static IntPtr Load(System.Reflection.Assembly assembly)
    {
        // The system's own librdkafka, for a process that asked for it (see PreferSystemLibrary).
        if (s_preferSystem && OperatingSystem.IsLinux() && NativeLibrary.TryLoad("librdkafka.so.1", out var system))
        {
            if (NativeLibrary.TryGetExport(system, "rd_kafka_version", out var version)
                && ((delegate* unmanaged[Cdecl]<int>)version)() >= MinimumSystemVersion)
                return system;
            NativeLibrary.Free(system);
        }
        var (os, file) = OperatingSystem.IsWindows() ? ("win", "librdkafka.dll")
            : OperatingSystem.IsMacOS() ? ("osx", "librdkafka.dylib")
            : ("linux", "librdkafka.so");
        var rid = $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(assembly.Location) ?? "" })
        {
            // As Confluent does: the plain build first, then the one linked without SASL (no libsasl2
            // needed); under runtimes/RID/native in a portable build, beside the app in one published for a RID.
            var native = Path.Combine(folder, "runtimes", rid, "native");
            foreach (var candidate in new[] { Path.Combine(native, file), Path.Combine(native, "centos8-" + file), Path.Combine(folder, file), Path.Combine(folder, "centos8-" + file) })
            {
                if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                    return handle;
            }
        }
        return IntPtr.Zero; // the default probing, then
    }

    /// <summary><c>rd_kafka_message_t</c>; sequential layout gives C's padding on 32- and 64-bit targets.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Message
    {
        public int Error;
        public IntPtr Topic;
        public int Partition;
        public byte* Payload;
        public nuint Length;
        public byte* Key;
        public nuint KeyLength;
        public long Offset;
        public IntPtr Private;
    }

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    public static partial IntPtr ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int ConfSet(IntPtr conf, string name, string value, byte* error, nuint errorSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    public static partial void ConfDestroy(IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_opaque")]
    public static partial void ConfSetOpaque(IntPtr conf, IntPtr opaque);

    /// <summary>Which reports come as events from <see cref="QueuePoll"/> instead of callbacks.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_events")]
    public static partial void ConfSetEvents(IntPtr conf, int events);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_error_cb")]
    public static partial void ConfSetErrorCallback(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, int, byte*, IntPtr, void> callback);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set_log_cb")]
    public static partial void ConfSetLogCallback(IntPtr conf, delegate* unmanaged[Cdecl]<IntPtr, int, byte*, byte*, void> callback);

    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    public static partial IntPtr New(int type, IntPtr conf, byte* error, nuint errorSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_opaque")]
    public static partial IntPtr Opaque(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_new", StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr TopicNew(IntPtr handle, string topic, IntPtr conf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_default_topic_conf_dup")]
    public static partial IntPtr DefaultTopicConfDup(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_conf_destroy")]
    public static partial void TopicConfDestroy(IntPtr topicConf);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_conf_set_opaque")]
    public static partial void TopicConfSetOpaque(IntPtr topicConf, IntPtr opaque);

    /// <summary>The callback gets: topic, key, key length, partition count, topic opaque, message opaque.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_conf_set_partitioner_cb")]
    public static partial void TopicConfSetPartitioner(IntPtr topicConf, delegate* unmanaged[Cdecl]<IntPtr, byte*, nuint, int, IntPtr, IntPtr, int> partitioner);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_destroy")]
    public static partial void TopicDestroy(IntPtr topic);

    [LibraryImport(Library, EntryPoint = "rd_kafka_produce_batch")]
    public static partial int ProduceBatch(IntPtr topic, int partition, int flags, Message* messages, int count);

    /// <summary>The queue of the client's reports (deliveries, errors); release it with <see cref="QueueDestroy"/>.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_get_main")]
    public static partial IntPtr QueueGetMain(IntPtr handle);

    /// <summary>The next event of a queue, serving the callbacks of other reports on the way; null when none came in time.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_poll")]
    public static partial IntPtr QueuePoll(IntPtr queue, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_event_type")]
    public static partial int EventType(IntPtr @event);

    /// <summary>Up to <paramref name="size"/> more of a delivery report's records; 0 once all were taken.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_event_message_array")]
    public static partial nuint EventMessageArray(IntPtr @event, Message** messages, nuint size);

    /// <summary>Releases an event, and with a delivery report its records.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_event_destroy")]
    public static partial void EventDestroy(IntPtr @event);

    /// <summary>Makes a wait on the queue in progress (or the next one) return at once.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_yield")]
    public static partial void QueueYield(IntPtr queue);

    [LibraryImport(Library, EntryPoint = "rd_kafka_queue_destroy")]
    public static partial void QueueDestroy(IntPtr queue);

    [LibraryImport(Library, EntryPoint = "rd_kafka_flush")]
    public static partial int Flush(IntPtr handle, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    public static partial void Destroy(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    public static partial byte* ErrorText(int error);

    public static string Text(byte* utf8) => Marshal.PtrToStringUTF8((IntPtr)utf8) ?? "";

    public static string ErrorName(int error) => $"{Text(ErrorText(error))} ({error})";
}
