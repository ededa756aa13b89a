using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Redis;

/// <summary>
/// The original system's data files (cust.csv, music.csv), read here independently of the
/// product's readers so that what Redis holds is checked against the file itself. The folder
/// is the one <see cref="SeedData"/> finds.
/// </summary>
internal static class SeedFiles
{
    public static string Folder => Locate();

    public static string Customers => Path.Combine(Folder, "cust.csv");
    public static string Tracks => Path.Combine(Folder, "music.csv");

    /// <summary>cust.csv's rows by CustID, as name -> value of the header's columns (quotes removed).</summary>
    public static Dictionary<int, Dictionary<string, string>> CustomerRows()
    {
        // The seed's fields never contain commas or quotes inside quotes, so a plain split is exact.
        var lines = File.ReadAllLines(Customers);
        var header = lines[0].Split(',');
        var rows = new Dictionary<int, Dictionary<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var fields = line.Split(',').Select(f => f.Trim('"')).ToArray();
            var row = header.Zip(fields).ToDictionary(p => p.First, p => p.Second);
            rows[int.Parse(row["CustID"])] = row;
        }
        return rows;
    }

    /// <summary>music.csv's rows by TrackId: (title, artist, length) per the contract's plain-comma rule for broken lines.</summary>
    public static Dictionary<int, (string Title, string Artist, string Length)> TrackRows()
    {
        var rows = new Dictionary<int, (string, string, string)>();
        foreach (var line in File.ReadAllLines(Tracks).Skip(1).Where(l => l.Length > 0))
        {
            var f = line.Split(',');
            // Every quote in this file is a broken one; the contract strips them with the spaces around.
            string Clean(string s) => line.Contains('"') ? s.Trim(' ', '"') : s;
            rows[int.Parse(f[0])] = (Clean(f[1]), Clean(f[2]), f[3]);
        }
        return rows;
    }

    private static string Locate() =>
        SeedData.Folder ?? throw new InvalidOperationException(SeedData.SkipReason);
}
