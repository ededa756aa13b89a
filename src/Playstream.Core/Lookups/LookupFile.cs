using System.Globalization;

namespace Playstream.Core.Lookups;

/// <summary>What the lookup readers share: opening a file with one-line errors, header columns, integers.</summary>
internal static class LookupFile
{
    /// <summary>Opens a lookup file as UTF-8 text (a byte order mark is honoured), or throws <see cref="LookupFileException"/>.</summary>
    public static StreamReader OpenText(string path, string kind)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
            throw Error(kind, path, "is a directory, not a file");
        if (!File.Exists(path))
            throw Error(kind, path, "file not found");
        try
        {
            return new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LookupFileException(Message(kind, path, $"cannot be read ({OneLine(e.Message)})"), e);
        }
    }

    public static LookupFileException Error(string kind, string name, string problem) => new(Message(kind, name, problem));

    private static string Message(string kind, string name, string problem) => $"{kind} file '{name}': {problem}";

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    /// <summary>
    /// The position of each wanted column in a header, matched case-insensitively and ignoring
    /// surrounding spaces (and a byte order mark). Optional columns that are absent get -1.
    /// </summary>
    public static int[] MapColumns(IReadOnlyList<string> header, string kind, string name, string[] required, string[] optional)
    {
        var positions = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        string? repeated = null; // only matters for a column we read: other columns are ignored anyway
        var wanted = new HashSet<string>(required.Concat(optional), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
        {
            var column = header[i].Trim().TrimStart('\uFEFF').Trim();
            if (!positions.TryAdd(column, i) && wanted.Contains(column))
                repeated ??= column;
        }
        // Missing columns first: a file without a header (data on line 1) gets the message that says so.
        var missing = required.Where(c => !positions.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            var names = string.Join(", ", missing.Select(c => $"'{c}'"));
            throw Error(kind, name, $"missing column{(missing.Count > 1 ? "s" : "")} {names} in header");
        }
        if (repeated is not null)
            throw Error(kind, name, $"column '{repeated}' appears twice in header");
        return [.. required.Concat(optional).Select(c => positions.TryGetValue(c, out var i) ? i : -1)];
    }

    /// <summary>An integer &gt;= 0 written as ASCII digits, surrounding spaces allowed (a lookup file is hand-edited more often than a log).</summary>
    public static bool TryParseId(string text, out int value) =>
        int.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
