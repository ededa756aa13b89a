using System.Buffers.Text;
using Playstream.Core.Events;

namespace Playstream.Shipping.Sinks;

/// <summary>
/// The customer part of a line's key: its customer_id as decimal text (<c>007</c> becomes <c>7</c>),
/// read without parsing the rest, or nothing when the line has no readable customer_id. The text of
/// small ids is made once and reused, so keying allocates nothing.
/// </summary>
internal sealed class CustomerKeys
{
    private const int Cached = 1 << 16;
    private readonly byte[]?[] _digits = new byte[]?[Cached];

    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> line)
    {
        if (!EventParser.TryReadCustomerId(line, out var customerId))
            return [];
        if ((uint)customerId < Cached)
            return _digits[customerId] ??= Format(customerId);
        return Format(customerId);
    }

    /// <summary>The same without the cache, for a one-off look.</summary>
    public static byte[] Digits(ReadOnlySpan<byte> line) =>
        EventParser.TryReadCustomerId(line, out var customerId) ? Format(customerId) : [];

    private static byte[] Format(int customerId)
    {
        Span<byte> digits = stackalloc byte[11];
        Utf8Formatter.TryFormat(customerId, digits, out var written);
        return digits[..written].ToArray();
    }
}
