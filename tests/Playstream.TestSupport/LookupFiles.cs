namespace Playstream.TestSupport;

/// <summary>
/// Reads what the brute-force reference needs from the lookup files with plain string code,
/// independent of the product's readers: customer id to gender, and the known track ids.
/// </summary>
public static class LookupFiles
{
    public static Dictionary<int, string> CustomerGenders(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = SplitQuoted(lines[0]);
        var id = Array.FindIndex(header, h => h.Equals("CustID", StringComparison.OrdinalIgnoreCase));
        var gender = Array.FindIndex(header, h => h.Equals("Gender", StringComparison.OrdinalIgnoreCase));
        var genders = new Dictionary<int, string>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = SplitQuoted(line);
            genders[int.Parse(fields[id], System.Globalization.CultureInfo.InvariantCulture)] = fields[gender];
        }
        return genders;
    }

    /// <summary>The first field of every line after the header: the id, even on the seed's broken lines.</summary>
    public static HashSet<int> TrackIds(string path) =>
        File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0)
            .Select(l => int.Parse(l[..l.IndexOf(',', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();

    /// <summary>Splits on commas outside double quotes and drops the quotes (no "" escapes in these files).</summary>
    private static string[] SplitQuoted(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields.ToArray();
    }
}
