using System.Globalization;
using Playstream.Core.Results;
using Playstream.Embedded.Runs;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

/// <summary>
/// Lookup files and play lines for followed-run tests, and the brute-force reference over
/// them. Customers 0-19 are in the customer file (gender by parity), 20-24 are not; tracks 0-11
/// are in the track file, 12 is not.
/// </summary>
internal sealed class FollowTestData
{
    public const long Start = 1_412_121_600; // 2014-10-01 00:00:00 UTC

    private readonly Dictionary<int, string> _genders = Enumerable.Range(0, 20).ToDictionary(c => c, c => (c % 2).ToString(CultureInfo.InvariantCulture));
    private readonly HashSet<int> _tracks = [.. Enumerable.Range(0, 12)];

    public FollowTestData(string folder)
    {
        Customers = Path.Combine(folder, "cust.csv");
        Tracks = Path.Combine(folder, "music.csv");
        File.WriteAllLines(Customers, ["CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps",
            .. _genders.Select(c => $"{c.Key},Name {c.Key},{c.Value},1 Road,1000{c.Key % 10},01/02/2013,1,{c.Key % 3},1,0")]);
        File.WriteAllLines(Tracks, ["TrackId,Title,Artist,Length", .. _tracks.Select(t => $"{t},Song {t},Band {t % 4},{180 + t}")]);
    }

    public string Customers { get; }
    public string Tracks { get; }

    public EmbeddedRunOptions Options(string store, params string[] events) => new()
    {
        EventFiles = events,
        CustomersFile = Customers,
        TracksFile = Tracks,
        StorePath = store,
    };

    public AnalyticsResults Reference(IEnumerable<string> lines) => BruteForceReference.Compute(lines, _genders, _tracks);

    public static string Line(long eventId, int customer, int track, long time, bool mobile) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{eventId},{customer},{track},\"{DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime:yyyy-MM-dd HH:mm:ss}\",{(mobile ? 1 : 0)},\"7{customer:D4}\"");

    /// <summary>
    /// <paramref name="count"/> plays at random times over two days, in no order, with repeated
    /// (customer, track) plays close together now and then so that interests are found.
    /// </summary>
    public static List<string> ShuffledPlays(int seed, int count)
    {
        var random = new Random(seed);
        var lines = new List<string>();
        while (lines.Count < count)
        {
            var time = Start + random.Next(0, 2 * 86400);
            var customer = random.Next(0, 25);
            var track = random.Next(0, 13);
            var repeats = random.Next(0, 10) == 0 ? 3 : 1;
            for (var r = 0; r < repeats && lines.Count < count; r++)
                lines.Add(Line(seed * 100_000 + lines.Count, customer, track, time + r * random.Next(0, 700), random.Next(0, 2) == 1));
        }
        return lines;
    }

    /// <summary>Plays (valid lines) among <paramref name="lines"/>, by the reference's own reading.</summary>
    public static int Plays(IEnumerable<string> lines) => lines.Count(l => l.Trim().Length > 0 && ReferenceLineParser.Parse(l).Play is not null);
}
