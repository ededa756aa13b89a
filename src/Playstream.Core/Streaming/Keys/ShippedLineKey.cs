using System.Buffers.Text;

namespace Playstream.Core.Streaming.Keys;

/// <summary>
/// The record key <c>playstream ship</c> gives each line: <c>CUSTOMER@SOURCEOFFSET</c>, ASCII, e.g.
/// <c>42@J-G0IGITH1lEAAA</c>: customer 42, source 9f86d081884c7d65, offset 1048576.
/// <list type="bullet">
/// <item><c>CUSTOMER</c>: the line's customer_id as decimal text, the part the partitioner hashes;
/// empty when the line has no readable customer_id.</item>
/// <item><c>SOURCE</c>: exactly 11 base64url digits (<c>A-Z a-z 0-9 - _</c>, most significant
/// first), the 64-bit id of the file incarnation the line was read from.</item>
/// <item><c>OFFSET</c>: 1 to 11 base64url digits, most significant first, no leading <c>A</c> (zero):
/// the byte offset of the line's first byte in that file.</item>
/// </list>
/// Kafka 0.9 records have no headers, so the key is the only place where a line's source position
/// can travel next to the unchanged line. Every key byte is sent, checksummed and stored with every
/// line: written in hex and decimal (<c>42@9f86d081884c7d65:1048576</c>, the form of earlier
/// versions, still read) the key took 10 more bytes a line and the shipper about a tenth more time.
/// A key of another shape (a bare customer id, as Logstash or kcat send it, or no key) carries no position.
/// </summary>
public static class ShippedLineKey
{
    /// <summary>Between the customer part and the source id.</summary>
    public const byte SourceSeparator = (byte)'@';

    /// <summary>Between the source id and the offset, in keys of earlier versions only.</summary>
    public const byte HexOffsetSeparator = (byte)':';

    public const int SourceDigits = 11;

    /// <summary><c>@</c> and the source digits: the part shared by every line of one source.</summary>
    public const int SourcePartLength = SourceDigits + 1;

    private const int MaxCustomerDigits = 10;
    private const int MaxOffsetDigits = 11;

    /// <summary>The longest key: a 10-digit customer id, the source part and an 11-digit offset.</summary>
    public const int MaxLength = MaxCustomerDigits + SourcePartLength + MaxOffsetDigits;

    private const int HexSourceDigits = 16;
    private const int MaxDecimalOffsetDigits = 19;

    private static ReadOnlySpan<byte> Digits => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8;

    /// <summary><c>@SOURCE</c> for one source, made once per file and copied into every key of its lines.</summary>
    public static byte[] SourcePart(ulong sourceId)
    {
        var part = new byte[SourcePartLength];
        part[0] = SourceSeparator;
        for (var i = 0; i < SourceDigits; i++)
            part[SourceDigits - i] = Digits[(int)(sourceId >> (6 * i)) & 63];
        return part;
    }

    /// <summary>Writes a whole key; returns its length.</summary>
    /// <param name="customer">The customer_id digits, or empty.</param>
    /// <param name="sourcePart">What <see cref="SourcePart"/> made for the line's source.</param>
    /// <exception cref="ArgumentException">The destination is shorter than the key.</exception>
    public static int Write(Span<byte> destination, ReadOnlySpan<byte> customer, ReadOnlySpan<byte> sourcePart, long offset)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var digits = 1;
        for (var rest = (ulong)offset >> 6; rest != 0; rest >>= 6)
            digits++;
        var length = customer.Length + sourcePart.Length + digits;
        if (destination.Length < length)
            throw new ArgumentException("the destination is too short for the key", nameof(destination));
        customer.CopyTo(destination);
        sourcePart.CopyTo(destination[customer.Length..]);
        var value = (ulong)offset;
        for (var at = length - 1; at >= length - digits; at--, value >>= 6)
            destination[at] = Digits[(int)(value & 63)];
        return length;
    }

    /// <summary>The part the partitioner hashes: the bytes before <c>@</c>, or the whole key when it has none.</summary>
    public static int CustomerLength(ReadOnlySpan<byte> key)
    {
        var separator = key.IndexOf(SourceSeparator);
        return separator < 0 ? key.Length : separator;
    }

    /// <summary>
    /// Reads the source position out of a key. Anything that is not exactly the shipper's shape
    /// (digits, <c>@</c>, 11 base64url digits and 1 to 11 more without a leading zero digit; or, as
    /// earlier versions wrote it, digits, <c>@</c>, 16 lowercase hex digits, <c>:</c>, 1 to 19
    /// decimal digits) has no position.
    /// </summary>
    public static bool TryReadPosition(ReadOnlySpan<byte> key, out LinePosition position)
    {
        position = default;
        var separator = key.IndexOf(SourceSeparator);
        if (separator < 0 || separator > MaxCustomerDigits || !AllDecimal(key[..separator]))
            return false;
        var rest = key[(separator + 1)..];
        if (rest.Length > HexSourceDigits && rest[HexSourceDigits] == HexOffsetSeparator)
            return TryReadHexPosition(rest, out position);
        if (rest.Length <= SourceDigits || rest.Length > SourceDigits + MaxOffsetDigits
            || (rest.Length > SourceDigits + 1 && rest[SourceDigits] == Digits[0]))
            return false;
        // 11 digits of 6 bits hold 66: the first may carry only the top 4 of a 64-bit id, the
        // first of an 11-digit offset only the top 3 of a 63-bit one.
        if (!TryReadBase64(rest[..SourceDigits], out var source) || Value(rest[0]) > 15
            || !TryReadBase64(rest[SourceDigits..], out var offset)
            || (rest.Length - SourceDigits == MaxOffsetDigits && Value(rest[SourceDigits]) > 7))
            return false;
        position = new LinePosition(source, (long)offset);
        return true;
    }

    // CUSTOMER@ then 16 lowercase hex digits, ':' and the decimal offset: the keys of earlier versions.
    private static bool TryReadHexPosition(ReadOnlySpan<byte> rest, out LinePosition position)
    {
        position = default;
        ulong source = 0;
        foreach (var c in rest[..HexSourceDigits])
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
        var digits = rest[(HexSourceDigits + 1)..];
        if (digits.Length > MaxDecimalOffsetDigits || !AllDecimal(digits)
            || !Utf8Parser.TryParse(digits, out long offset, out var consumed) || consumed != digits.Length)
            return false;
        position = new LinePosition(source, offset);
        return true;
    }

    private static bool TryReadBase64(ReadOnlySpan<byte> digits, out ulong value)
    {
        value = 0;
        foreach (var c in digits)
        {
            var digit = Value(c);
            if (digit < 0)
                return false;
            value = (value << 6) | (uint)digit;
        }
        return true;
    }

    private static int Value(byte c) => c switch
    {
        >= (byte)'A' and <= (byte)'Z' => c - 'A',
        >= (byte)'a' and <= (byte)'z' => c - 'a' + 26,
        >= (byte)'0' and <= (byte)'9' => c - '0' + 52,
        (byte)'-' => 62,
        (byte)'_' => 63,
        _ => -1,
    };

    private static bool AllDecimal(ReadOnlySpan<byte> text)
    {
        foreach (var c in text)
        {
            if (c is < (byte)'0' or > (byte)'9')
                return false;
        }
        return true;
    }
}
