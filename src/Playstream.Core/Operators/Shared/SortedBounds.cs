using System.Runtime.CompilerServices;

namespace Playstream.Core.Operators.Shared;

/// <summary>Binary searches of an ascending run of times or pane numbers.</summary>
internal static class SortedBounds
{
    /// <summary>The index of the first element at or above <paramref name="value"/> (the length when none is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Lower(ReadOnlySpan<long> sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] < value) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    /// <summary>The index of the first element above <paramref name="value"/> (the length when none is).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Upper(ReadOnlySpan<long> sorted, long value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (sorted[mid] <= value) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
