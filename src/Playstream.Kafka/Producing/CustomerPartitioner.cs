using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Playstream.Core.Streaming.Keys;

namespace Playstream.Kafka.Producing;

/// <summary>
/// Picks a line's partition from the customer part of its key alone (the text before <c>@</c>,
/// see <see cref="ShippedLineKey"/>), with one of librdkafka's own partitioners (murmur2_random,
/// the Java client's, by default): a line lands where it would with a bare customer_id key, where
/// Logstash put it, although its key also carries its source position. A key with an empty
/// customer part is hashed as no key (murmur2_random then picks a random partition).
/// </summary>
/// <remarks>
/// Installed as the topic's partitioner callback, with the address of the library's partitioner as
/// the topic opaque: the callback measures the customer part and calls that function directly.
/// It runs on the producing thread or on a client thread, for every record; it holds no state.
/// </remarks>
internal static unsafe class CustomerPartitioner
{
    /// <summary>librdkafka's partitioners (its <c>partitioner</c> property), each exported as <c>rd_kafka_msg_partitioner_NAME</c>.</summary>
    public static readonly IReadOnlyList<string> Names = ["random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"];

    /// <summary>Makes a topic configuration partition by customer with the named librdkafka partitioner.</summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static void Install(IntPtr topicConf, string partitioner)
    {
        RdKafka.TopicConfSetOpaque(topicConf, Function(partitioner));
        RdKafka.TopicConfSetPartitioner(topicConf, &OnPartition);
    }

    /// <summary>
    /// The partition of a key among <paramref name="partitionCount"/>, as the installed callback
    /// chooses it, for a key with a non-empty customer part (no topic is at hand to pick a random
    /// partition for the others).
    /// </summary>
    public static int PartitionOf(ReadOnlySpan<byte> key, int partitionCount, string partitioner = "murmur2_random")
    {
        if (ShippedLineKey.CustomerLength(key) == 0)
            throw new ArgumentException("a key without a customer part is placed at random, which needs a topic", nameof(key));
        fixed (byte* bytes = key)
            return Partition(IntPtr.Zero, bytes, (nuint)key.Length, partitionCount, Function(partitioner), IntPtr.Zero);
    }

    private static IntPtr Function(string partitioner)
    {
        ArgumentNullException.ThrowIfNull(partitioner);
        var name = partitioner.Trim();
        if (!Names.Contains(name, StringComparer.Ordinal))
            throw new ArgumentException($"partitioner {partitioner}: not one of {string.Join(", ", Names)}", nameof(partitioner));
        var function = RdKafka.Export("rd_kafka_msg_partitioner_" + name);
        if (function == IntPtr.Zero)
            throw new ArgumentException($"partitioner {partitioner}: librdkafka has no such function", nameof(partitioner));
        return function;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnPartition(IntPtr topic, byte* key, nuint keyLength, int partitionCount, IntPtr function, IntPtr messageOpaque) =>
        Partition(topic, key, keyLength, partitionCount, function, messageOpaque);

    private static int Partition(IntPtr topic, byte* key, nuint keyLength, int partitionCount, IntPtr function, IntPtr messageOpaque)
    {
        var customer = key is null ? 0 : ShippedLineKey.CustomerLength(new ReadOnlySpan<byte>(key, (int)keyLength));
        // The library's partitioners are short, pure and never block: no GC transition needed.
        var partition = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*, nuint, int, IntPtr, IntPtr, int>)function;
        return partition(topic, customer == 0 ? null : key, (nuint)customer, partitionCount, IntPtr.Zero, messageOpaque);
    }
}
