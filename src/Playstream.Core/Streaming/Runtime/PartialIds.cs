namespace Playstream.Core.Streaming.Runtime;

/// <summary>Ids of partials, <c>MILLISECONDS-SEQUENCE</c> as Redis streams number their entries: compared as number pairs.</summary>
public static class PartialIds
{
    public static int Compare(string a, string b)
    {
        var (aMs, aSeq) = Parse(a);
        var (bMs, bSeq) = Parse(b);
        return aMs != bMs ? aMs.CompareTo(bMs) : aSeq.CompareTo(bSeq);
    }

    /// <summary>The smallest id after <paramref name="id"/>.</summary>
    public static string Next(string id)
    {
        var (ms, seq) = Parse(id);
        return seq == long.MaxValue ? $"{ms + 1}-0" : $"{ms}-{seq + 1}";
    }

    public static (long Milliseconds, long Sequence) Parse(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0 || !long.TryParse(id.AsSpan(0, dash), out var ms) || !long.TryParse(id.AsSpan(dash + 1), out var seq))
            throw new FormatException($"'{id}' is not a partial id");
        return (ms, seq);
    }
}
