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
/// Installed as the topic's partitioner callback, with a <see cref="State"/> as the topic opaque:
/// the callback measures the customer part, calls the library's partitioner directly, and notes
/// the partition count it was given, so that the producer can place most records itself
/// (<see cref="Place"/>) without a call back into .NET for each.
/// </remarks>
internal static unsafe class CustomerPartitioner
{
    /// <summary>librdkafka's partitioners (its <c>partitioner</c> property), each exported as <c>rd_kafka_msg_partitioner_NAME</c>.</summary>
    public static readonly IReadOnlyList<string> Names = ["random", "consistent", "consistent_random", "murmur2", "murmur2_random", "fnv1a", "fnv1a_random"];

    /// <summary>What the callback of one topic knows: the library's partitioner, and the partition count it last saw.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct State
    {
        public IntPtr Function;

        /// <summary>0 until the callback first runs, and for ever with <c>random</c>, whose every choice needs the topic.</summary>
        public int PartitionCount;

        /// <summary>1 when the partitioner places a key by the key alone, so that the producer may do it too.</summary>
        public int ByKeyAlone;
    }

    /// <summary>
    /// Makes a topic configuration partition by customer with the named librdkafka partitioner;
    /// the state returned is the producer's to free (<see cref="NativeMemory.Free"/>) once the topic is destroyed.
    /// </summary>
    /// <exception cref="ArgumentException">Not one of <see cref="Names"/>.</exception>
    public static State* Install(IntPtr topicConf, string partitioner)
    {
        var function = Function(partitioner);
        var state = (State*)NativeMemory.AllocZeroed((nuint)sizeof(State));
        state->Function = function;
        state->ByKeyAlone = partitioner.Trim() == "random" ? 0 : 1;
        RdKafka.TopicConfSetOpaque(topicConf, (IntPtr)state);
        RdKafka.TopicConfSetPartitioner(topicConf, &OnPartition);
        return state;
    }

    /// <summary>
    /// The partition the callback would give a record among the count it last saw, for a key with
    /// a customer part; -1 when it cannot tell (no count seen yet, or a key without a customer part,
    /// which the library places at random among the partitions it knows to be available).
    /// </summary>
    public static int Place(State* state, byte* key, nuint keyLength, int partitionCount)
    {
        if (key is null || ShippedLineKey.CustomerLength(new ReadOnlySpan<byte>(key, (int)keyLength)) == 0)
            return -1;
        return Partition(IntPtr.Zero, key, keyLength, partitionCount, state->Function, IntPtr.Zero);
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
    private static int OnPartition(IntPtr topic, byte* key, nuint keyLength, int partitionCount, IntPtr opaque, IntPtr messageOpaque)
    {
        var state = (State*)opaque;
        if (state->ByKeyAlone != 0)
            Volatile.Write(ref state->PartitionCount, partitionCount);
        return Partition(topic, key, keyLength, partitionCount, state->Function, messageOpaque);
    }

    private static int Partition(IntPtr topic, byte* key, nuint keyLength, int partitionCount, IntPtr function, IntPtr messageOpaque)
    {
        var customer = key is null ? 0 : ShippedLineKey.CustomerLength(new ReadOnlySpan<byte>(key, (int)keyLength));
        // The library's partitioners are short, pure and never block: no GC transition needed.
        var partition = (delegate* unmanaged[Cdecl, SuppressGCTransition]<IntPtr, byte*, nuint, int, IntPtr, IntPtr, int>)function;
        return partition(topic, customer == 0 ? null : key, (nuint)customer, partitionCount, IntPtr.Zero, messageOpaque);
    }
}
