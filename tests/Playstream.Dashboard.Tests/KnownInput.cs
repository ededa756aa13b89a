using System.Globalization;
using Playstream.Embedded.Runs;

namespace Playstream.Dashboard.Tests;

/// <summary>
/// A small input whose answers are worked out by hand or by the brute-force reference: 60
/// plays 1,700 s apart by customers 0-4 (4 is not in the customer file), tracks 0-5 (5 is not
/// in the catalogue), every third on mobile, zips cycling "72132", "01234", "" and "abc";
/// plus one broken line. Written to a folder and run into a store.
/// </summary>
public sealed class KnownInput : IDisposable
{
    public const int Plays = 60;
    public static readonly long FirstTime = Utc("2014-10-23 03:00:00");

    public KnownInput()
    {
        Folder = Path.Combine(Path.GetTempPath(), "playstream-dash-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        File.WriteAllLines(CustomersFile, [
            "CustID,Name,Gender,Address,zip,SignDate,Status,Level,Campaign,LinkedWithApps,Age",
            "0,\"Ada Stone\",0,\"1 Main St\",\"72132\",\"06/04/2013\",1,0,1,0,17",
            "1,\"Ben Ortiz\",1,\"2 Main St\",\"01234\",\"06/04/2013\",1,1,1,0,30",
            "2,\"Cy Moss\",1,\"3 Main St\",\"55555\",\"06/04/2013\",1,2,1,0,44",
            "3,\"Di Park\",0,\"4 Main St\",\"66666\",\"06/04/2013\",1,2,1,0,",
        ]);
        File.WriteAllLines(TracksFile, [
            "TrackId,Title,Artist,Length",
            "0,Alpha Song,The Firsts,200",
            "1,Beta Song,The Seconds,210",
            "2,Gamma Song,The Thirds,220",
            "3,Delta Song,The Fourths,230",
            "4,Epsilon Song,The Fifths,240",
        ]);
        File.WriteAllLines(EventsFile, EventLines());
    }

    public string Folder { get; }
    public string CustomersFile => Path.Combine(Folder, "cust.csv");
    public string TracksFile => Path.Combine(Folder, "music.csv");
    public string EventsFile => Path.Combine(Folder, "tracks.csv");
    public string StorePath => Path.Combine(Folder, "store.db");

    public static int CustomerOf(int i) => i % 5;
    public static int TrackOf(int i) => i * 7 % 6;
    public static long TimeOf(int i) => FirstTime + i * 1700L;
    public static bool MobileOf(int i) => i % 3 == 0;
    public static string ZipOf(int i) => new[] { "72132", "01234", "", "abc" }[i % 4];

    public static string Line(int eventId, int customer, int track, long time, bool mobile, string zip) =>
        $"{eventId},{customer},{track},\"{DateTimeOffset.FromUnixTimeSeconds(time).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}\",{(mobile ? 1 : 0)},\"{zip}\"";

    public static IEnumerable<string> EventLines()
    {
        for (var i = 0; i < Plays; i++)
        {
            yield return Line(i, CustomerOf(i), TrackOf(i), TimeOf(i), MobileOf(i), ZipOf(i));
            if (i == 10)
                yield return "not,a,valid,line";
        }
    }

    public IReadOnlyDictionary<int, string> Genders => new Dictionary<int, string> { [0] = "0", [1] = "1", [2] = "1", [3] = "0" };
    public IReadOnlySet<int> KnownTracks => new HashSet<int> { 0, 1, 2, 3, 4 };

    public EmbeddedRunOptions RunOptions => new()
    {
        EventFiles = [EventsFile], CustomersFile = CustomersFile, TracksFile = TracksFile, StorePath = StorePath, Parallelism = 2,
    };

    public Task<EmbeddedRunReport> RunAsync() => EmbeddedRunner.RunAsync(RunOptions);

    private static long Utc(string text) =>
        new DateTimeOffset(DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), TimeSpan.Zero).ToUnixTimeSeconds();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
