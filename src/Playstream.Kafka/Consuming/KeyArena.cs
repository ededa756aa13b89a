using Confluent.Kafka;

namespace Playstream.Kafka.Consuming;

/// <summary>
/// Deserializes record keys into slices of shared chunks rather than one array per key: the
/// processor only reads a key while it handles its record, and thousands of keys fill one chunk,
/// so keeping keys costs one allocation per chunk instead of one per record. A key too large to
/// share a chunk gets an array of its own. Used on the consumer's thread only.
/// </summary>
internal sealed class KeyArena : IDeserializer<ReadOnlyMemory<byte>>
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
        var key = _chunk.AsMemory(_used, data.Length);
        data.CopyTo(key.Span);
        _used += data.Length;
        return key;
    }
}
