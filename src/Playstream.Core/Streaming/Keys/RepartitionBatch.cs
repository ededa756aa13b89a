using System.Buffers.Binary;

namespace Playstream.Core.Streaming.Keys;

/// <summary>
/// One record of the repartition topic: the lines one input partition routed to one customer
/// partition during one turn of the runner, in input order. A record per line would cost a
/// produce, a delivery report and a fetch each, several times the work of the play itself; a
/// batch costs them once per turn and destination, and a turn with one line for a destination
/// still sends it at once, so nothing waits for a batch to fill.
/// <para>
/// Key: the input partition and the offset of the first line, 12 bytes big-endian. Value: a
/// format byte, then per line the distance of its input offset from the previous line's (the
/// first from the key's), its length, and its bytes, the numbers as unsigned LEB128. The input
/// offset of each line is what makes the hop safe to repeat: a batch the source stage sends
/// again after a restart, cut differently or not, carries the same offsets, at or below what
/// the customer stage has taken from that partition (<see cref="Marks.SourceMarks"/>), so each
/// line is recognised and skipped.
/// </para>
/// </summary>
public static class RepartitionBatch
{
    public const int KeyLength = 12;
    private const byte Format = 1;

    /// <summary>Reads a key; false for anything that is not exactly a batch key.</summary>
    public static bool TryReadKey(ReadOnlySpan<byte> key, out int sourcePartition, out long firstOffset)
    {
        if (key.Length != KeyLength)
        {
            sourcePartition = 0;
            firstOffset = 0;
            return false;
        }
        sourcePartition = BinaryPrimitives.ReadInt32BigEndian(key);
        firstOffset = BinaryPrimitives.ReadInt64BigEndian(key[4..]);
        return sourcePartition >= 0 && firstOffset >= 0;
    }

    /// <summary>The lines of a batch value with their input offsets; throws on a value this version does not write.</summary>
    public static Reader Read(ReadOnlySpan<byte> value, long firstOffset)
    {
        if (value.IsEmpty || value[0] != Format)
            throw new InvalidDataException("a repartition record is not a batch this version writes: is another job writing to this topic?");
        return new Reader(value[1..], firstOffset);
    }

    /// <summary>Walks a batch value: <c>while (reader.Next(out offset, out line))</c>.</summary>
    public ref struct Reader(ReadOnlySpan<byte> rest, long firstOffset)
    {
        private ReadOnlySpan<byte> _rest = rest;
        private long _offset = firstOffset;

        public bool Next(out long offset, out ReadOnlySpan<byte> line)
        {
            if (_rest.IsEmpty)
            {
                offset = 0;
                line = default;
                return false;
            }
            _offset += (long)ReadNumber(ref _rest);
            var length = (int)ReadNumber(ref _rest);
            if (length > _rest.Length)
                throw new InvalidDataException("a repartition batch ends inside a line");
            offset = _offset;
            line = _rest[..length];
            _rest = _rest[length..];
            return true;
        }

        private static ulong ReadNumber(ref ReadOnlySpan<byte> span)
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (span.IsEmpty)
                    throw new InvalidDataException("a repartition batch ends inside a number");
                var b = span[0];
                span = span[1..];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                    return value;
            }
            throw new InvalidDataException("a repartition batch holds a number longer than 64 bits");
        }
    }

    /// <summary>
    /// The batch being built for one destination: lines are added in input order, and
    /// <see cref="Key"/> and <see cref="Value"/> hand it over; <see cref="Clear"/> starts the next.
    /// </summary>
    public sealed class Builder
    {
        private byte[] _value = new byte[4096];
        private int _length;
        private long _firstOffset = -1;
        private long _lastOffset;
        private readonly byte[] _key = new byte[KeyLength];

        public bool IsEmpty => _firstOffset < 0;
        public int Count { get; private set; }
        public int Bytes => _length;

        public void Add(long offset, ReadOnlySpan<byte> line)
        {
            if (IsEmpty)
            {
                _firstOffset = _lastOffset = offset;
                _value[0] = Format;
                _length = 1;
            }
            else if (offset <= _lastOffset)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), $"offset {offset} is not after the batch's last, {_lastOffset}");
            }
            Ensure(2 * 10 + line.Length);
            _length += WriteNumber(_value.AsSpan(_length), (ulong)(offset - _lastOffset));
            _length += WriteNumber(_value.AsSpan(_length), (ulong)line.Length);
            line.CopyTo(_value.AsSpan(_length));
            _length += line.Length;
            _lastOffset = offset;
            Count++;
        }

        public ReadOnlySpan<byte> Key(int sourcePartition)
        {
            BinaryPrimitives.WriteInt32BigEndian(_key, sourcePartition);
            BinaryPrimitives.WriteInt64BigEndian(_key.AsSpan(4), _firstOffset);
            return _key;
        }

        public ReadOnlySpan<byte> Value => _value.AsSpan(0, _length);

        public void Clear()
        {
            _firstOffset = -1;
            _length = 0;
            Count = 0;
        }

        private void Ensure(int more)
        {
            if (_length + more > _value.Length)
                Array.Resize(ref _value, Math.Max(_value.Length * 2, _length + more));
        }

        private static int WriteNumber(Span<byte> destination, ulong value)
        {
            var i = 0;
            while (value >= 0x80)
            {
                destination[i++] = (byte)(value | 0x80);
                value >>= 7;
            }
            destination[i++] = (byte)value;
            return i;
        }
    }
}
