using System.Runtime.CompilerServices;
namespace Playstream.Core.Operators.Breakdowns;

/// <summary>
/// A listening zip code as an int, so counting zips allocates nothing: up to 8 ASCII digits,
/// kept with their count of digits so leading zeros survive (<c>"01234"</c> is not <c>"1234"</c>).
/// Anything else (empty, letters, longer) is <see cref="Other"/>.
/// </summary>
public static class ZipKey
{
    public const int MaxDigits = 8;
    public const int OtherKey = -1;
    public const string Other = "other";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Of(ReadOnlySpan<byte> zip)
    {
        if (zip.IsEmpty || zip.Length > MaxDigits)
            return OtherKey;
        var value = 0;
        foreach (var b in zip)
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9)
                return OtherKey;
            value = value * 10 + digit;
        }
        // value < 10^8 and digits <= 8, so value * 16 + digits stays below 2^31.
        return value * 16 + zip.Length;
    }

    public static string Text(int key)
    {
        if (key < 0)
            return Other;
        var digits = key & 15;
        return (key >> 4).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The key of a zip's text, for reading snapshots.</summary>
    public static int OfText(string text) => text == Other ? OtherKey : Of(System.Text.Encoding.ASCII.GetBytes(text));
}
