using Confluent.Kafka;

namespace Playstream.Kafka.Consuming;

/// <summary>
/// Deserializes record keys or values into slices of shared chunks rather than one array per
/// record: the processor only reads them while it handles the record, and thousands of keys or
/// play lines fill one chunk, so they cost one allocation per chunk instead of one per record.
/// One too large to share a chunk (a repartition batch) gets an array of its own. Used on the
/// consumer's thread only; one arena per deserializer.
/// </summary>
internal sealed class ByteArena : IDeserializer<ReadOnlyMemory<byte>>
{
    private const int ChunkBytes = 64 * 1024;
    private byte[] _chunk = [];
    private int _used;

    public ReadOnlyMemory<byte> Deserialize(ReadOnlySpan<byte> data, bool isNull, SerializationContext context)
    {
        if (isNull || data.IsEmpty)
            return ReadOnlyMemory<byte>.Empty;
        if (data.Length > ChunkBytes / 16)
            return data.ToArray();
        if (_chunk.Length - _used < data.Length)
        {
            // The old chunk stays alive as long as records point into it.
            _chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes);
            _used = 0;
        }
        var slice = _chunk.AsMemory(_used, data.Length);
        data.CopyTo(slice.Span);
        _used += data.Length;
        return slice;
    }
}
