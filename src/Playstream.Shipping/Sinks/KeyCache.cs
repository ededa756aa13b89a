using System.Buffers.Text;
using Playstream.Core.Events;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// The Kafka key of a line: its customer_id as decimal text, read without parsing the rest. Keys
/// of small ids are made once and reused (the client copies them), so keying allocates nothing.
/// </summary>
internal sealed class KeyCache
{
    private const int Cached = 1 << 16;
    private readonly byte[]?[] _keys = new byte[]?[Cached];

    /// <summary>The key, or null (no key) when the line has no readable customer_id.</summary>
    public byte[]? KeyOf(ReadOnlySpan<byte> line)
    {
        if (!EventParser.TryReadCustomerId(line, out var customerId))
            return null;
        if ((uint)customerId < Cached)
            return _keys[customerId] ??= Format(customerId);
        return Format(customerId);
    }

    private static byte[] Format(int customerId)
    {
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(customerId, digits, out var written);
        return digits[..written].ToArray();
    }
}
