namespace Playstream.Shipping.Files;

/// <summary>
/// A file path that may hold wildcards in any of its parts: <c>*</c> (any run of characters but
/// <c>/</c>), <c>?</c> (one character) and <c>[abc]</c> / <c>[a-z]</c> / <c>[!abc]</c> (one of a set).
/// A path without wildcards names one file, which may not exist yet. Names are matched case-sensitively.
/// </summary>
public sealed class PathPattern
{
    private readonly string _root;
    private readonly string[] _parts;

    public PathPattern(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        Text = Path.GetFullPath(pattern);
        _root = Path.GetPathRoot(Text) ?? "/";
        _parts = Text[_root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        IsLiteral = !_parts.Any(HasWildcard);
    }

    /// <summary>The pattern as a full path.</summary>
    public string Text { get; }

    /// <summary>Whether the pattern names one path.</summary>
    public bool IsLiteral { get; }

    /// <summary>The folders to watch for new files: the deepest folder above the first wildcard.</summary>
    public string WatchFolder
    {
        get
        {
            var literal = _parts.TakeWhile(p => !HasWildcard(p)).ToList();
            if (literal.Count == _parts.Length)
                literal.RemoveAt(literal.Count - 1);
            return Path.Combine([_root, .. literal]);
        }
    }

    /// <summary>The existing regular files that match, in ordinal order of their paths.</summary>
    public IReadOnlyList<string> Expand()
    {
        if (IsLiteral)
            return File.Exists(Text) ? [Text] : [];
        var found = new List<string>();
        Walk(_root, 0, found);
        found.Sort(StringComparer.Ordinal);
        return found;
    }

    /// <summary>Whether a full path matches this pattern.</summary>
    public bool Matches(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(_root, StringComparison.Ordinal))
            return false;
        var parts = full[_root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != _parts.Length)
            return false;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!NameMatches(_parts[i], parts[i]))
                return false;
        }
        return true;
    }

    public override string ToString() => Text;

    private void Walk(string folder, int depth, List<string> found)
    {
        var part = _parts[depth];
        var last = depth == _parts.Length - 1;
        if (!HasWildcard(part))
        {
            var next = Path.Combine(folder, part);
            if (last ? File.Exists(next) : Directory.Exists(next))
                Add(next, last, depth, found);
            return;
        }
        IEnumerable<string> entries;
        try
        {
            entries = last ? Directory.EnumerateFiles(folder) : Directory.EnumerateDirectories(folder);
            foreach (var entry in entries)
            {
                if (NameMatches(part, Path.GetFileName(entry)))
                    Add(entry, last, depth, found);
            }
        }
        catch (Exception e) when (e is DirectoryNotFoundException or UnauthorizedAccessException)
        {
            // A folder that vanished or that we may not read simply holds no matches.
        }
    }

    private void Add(string path, bool last, int depth, List<string> found)
    {
        if (last)
            found.Add(path);
        else
            Walk(path, depth + 1, found);
    }

    private static bool HasWildcard(string part) => part.AsSpan().IndexOfAny("*?[") >= 0;

    /// <summary>Shell-style match of one path part; a leading dot is not special.</summary>
    internal static bool NameMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        // Iterative matcher with one backtrack point for the last '*': linear for ordinary patterns.
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starN = n;
                continue;
            }
            if (p < pattern.Length && MatchOne(pattern, ref p, name[n]))
            {
                n++;
                continue;
            }
            if (starP < 0)
                return false;
            p = starP + 1;
            n = ++starN;
        }
        while (p < pattern.Length && pattern[p] == '*')
            p++;
        return p == pattern.Length;
    }

    /// <summary>Whether the pattern element at <paramref name="p"/> matches one character; advances past it when it does.</summary>
    private static bool MatchOne(ReadOnlySpan<char> pattern, ref int p, char c)
    {
        if (pattern[p] == '?')
        {
            p++;
            return true;
        }
        if (pattern[p] != '[')
        {
            if (pattern[p] != c)
                return false;
            p++;
            return true;
        }
        var start = p + 1;
        var negate = start < pattern.Length && pattern[start] is '!' or '^';
        if (negate)
            start++;
        // A ']' right after the opening (or the '!') is part of the set, so the search for the end starts after it.
        var end = start + 1 < pattern.Length ? pattern[(start + 1)..].IndexOf(']') : -1;
        if (end < 0)
        {
            // No closing bracket: a literal '['.
            if (c != '[')
                return false;
            p++;
            return true;
        }
        end += start + 1;
        var set = pattern[start..end];
        var found = false;
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-')
            {
                found |= c >= set[i] && c <= set[i + 2];
                i += 2;
            }
            else
            {
                found |= set[i] == c;
            }
        }
        if (found == negate)
            return false;
        p = end + 1;
        return true;
    }
}
