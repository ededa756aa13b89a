using System.Buffers.Text;

namespace Playstream.Core.Streaming.Keys;

/// <summary>
/// The record key <c>playstream ship</c> gives each line: <c>CUSTOMER@SOURCE:OFFSET</c>, ASCII, e.g.
/// <c>42@9f86d081884c7d65:1048576</c>.
/// <list type="bullet">
/// <item><c>CUSTOMER</c>: the line's customer_id as decimal text, the part the partitioner hashes;
/// empty when the line has no readable customer_id.</item>
/// <item><c>SOURCE</c>: exactly 16 lowercase hex digits, the 64-bit id of the file incarnation the
/// line was read from.</item>
/// <item><c>OFFSET</c>: the decimal byte offset of the line's first byte in that file.</item>
/// </list>
/// Kafka 0.9 records have no headers, so the key is the only place where a line's source position
/// can travel next to the unchanged line. A key of another shape (a bare customer id, as Logstash or
/// kcat send it, or no key) carries no position.
/// </summary>
public static class ShippedLineKey
{
    /// <summary>Between the customer part and the source id.</summary>
    public const byte SourceSeparator = (byte)'@';

    /// <summary>Between the source id and the offset.</summary>
    public const byte OffsetSeparator = (byte)':';

    public const int SourceDigits = 16;

    /// <summary><c>@</c>, the 16 hex digits and <c>:</c>: the part shared by every line of one source.</summary>
    public const int SourcePartLength = SourceDigits + 2;

    /// <summary>The longest key: a 10-digit customer id, the source part and a 19-digit offset.</summary>
    public const int MaxLength = 10 + SourcePartLength + 19;

    private const int MaxCustomerDigits = 10;
    private const int MaxOffsetDigits = 19;

    /// <summary><c>@SOURCE:</c> for one source, made once per file and copied into every key of its lines.</summary>
    public static byte[] SourcePart(ulong sourceId)
    {
        var part = new byte[SourcePartLength];
        part[0] = SourceSeparator;
        for (var i = 0; i < SourceDigits; i++)
            part[1 + i] = (byte)"0123456789abcdef"[(int)(sourceId >> (60 - 4 * i)) & 0xF];
        part[^1] = OffsetSeparator;
        return part;
    }

    /// <summary>Writes a whole key; returns its length.</summary>
    /// <param name="customer">The customer_id digits, or empty.</param>
    /// <param name="sourcePart">What <see cref="SourcePart"/> made for the line's source.</param>
    /// <exception cref="ArgumentException">The destination is shorter than the key.</exception>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> customer, ReadOnlySpan<byte> sourcePart, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        customer.CopyTo(destination);
        sourcePart.CopyTo(destination[customer.Length..]);
        var at = customer.Length + sourcePart.Length;
        if (!Utf8Formatter.TryFormat(offset, destination[at..], out var digits))
            throw new ArgumentException("the destination is too short for the key", nameof(destination));
        return at + digits;
    }

    /// <summary>The part the partitioner hashes: the bytes before <c>@</c>, or the whole key when it has none.</summary>
    public static int CustomerLength(ReadOnlySpan<byte> key)
    {
        var separator = key.IndexOf(SourceSeparator);
        return separator < 0 ? key.Length : separator;
    }

    /// <summary>
    /// Reads the source position out of a key. Anything that is not exactly the shipper's shape
    /// (digits, <c>@</c>, 16 lowercase hex digits, <c>:</c>, 1 to 19 digits) has no position.
    /// </summary>
    public static bool TryReadPosition(ReadOnlySpan<byte> key, out LinePosition position)
    {
        position = default;
        var separator = key.IndexOf(SourceSeparator);
        if (separator < 0 || separator > MaxCustomerDigits || !AllDigits(key[..separator]))
            return false;
        var rest = key[(separator + 1)..];
        if (rest.Length < SourceDigits + 2 || rest[SourceDigits] != OffsetSeparator)
            return false;
        ulong source = 0;
        foreach (var c in rest[..SourceDigits])
        {
            int nibble = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                _ => -1,
            };
            if (nibble < 0)
                return false;
            source = (source << 4) | (uint)nibble;
        }
        var digits = rest[(SourceDigits + 1)..];
        if (digits.Length > MaxOffsetDigits || !AllDigits(digits)
            || !Utf8Parser.TryParse(digits, out long offset, out var consumed) || consumed != digits.Length)
            return false;
        position = new LinePosition(source, offset);
        return true;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
                return false;
        }
        return true;
    }
}
