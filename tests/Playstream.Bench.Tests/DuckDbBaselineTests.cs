using Playstream.Bench;
using Playstream.Core.Export;
using Playstream.Core.Generation;
using Playstream.TestSupport;

namespace Playstream.Bench.Tests;

/// <summary>
/// The benchmark's DuckDB baseline computes what the contract says: its export equals the
/// brute-force reference, bad lines counted by reason, so comparing its time with the
/// engine's compares the same answer.
/// </summary>
public sealed class DuckDbBaselineTests
{
    [Fact]
    public void Export_of_unordered_plays_with_bad_lines_equals_the_brute_force_reference()
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        new DataGenerator(new GeneratorOptions { Events = 6000, Customers = 200, Tracks = 150, Days = 3, Seed = 5 }).Generate(data);
        var random = new Random(5);
        var lines = File.ReadAllLines(Path.Combine(data, DataGenerator.EventFileName)).OrderBy(_ => random.Next()).ToList();
        lines.InsertRange(100,
        [
            "",
            "   ",
            "2,99999,7,\"2014-10-02 10:01:00\",0,\"22222\"",   // unknown customer
            "3,5,99999,2014-10-02 10:02:00,1,33333",           // unknown track, nothing quoted
            "4,5,7,\"2014-10-02 10:03:00\",2,\"1\"",
            "5,5,7,\"2014-02-30 10:03:00\",1,\"1\"",
            "six,5,7,\"2014-10-02 10:03:00\",1,\"1\"",
            "7,5,7,\"2014-10-02 10:03:00\",1",
            "8,-5,7,\"2014-10-02 10:03:00\",1,\"1\"",
            "9,5,x,\"2014-10-02 10:03:00\",1,\"1\"",
            "10,5,7,\"2014-10-02 10:03:00,1,\"1\"",
            "11,5,7,\"2014-10-02 10:04:00\",0,\"\"",
        ]);
        var events = folder.File("events.csv");
        File.WriteAllText(events, string.Join("\r\n", lines) + "\r\n");
        var export = folder.File("export");

        DuckDbBaseline.Run(events, Path.Combine(data, DataGenerator.CustomerFileName), Path.Combine(data, DataGenerator.TrackFileName), export);

        var expected = BruteForceReference.Compute(lines,
            LookupFiles.CustomerGenders(Path.Combine(data, DataGenerator.CustomerFileName)),
            LookupFiles.TrackIds(Path.Combine(data, DataGenerator.TrackFileName)));
        Assert.Equal(7, expected.Summary.DeadLetters);
        Assert.NotEmpty(expected.Interests);
        ResultsAssert.Equal(expected, ResultsReader.Read(export));
    }

    [SeedDataFact]
    public void Export_of_the_seed_files_equals_the_brute_force_reference()
    {
        // The seed's track file has lines with broken quoting; every track in it is known.
        using var folder = new TempFolder();
        var export = folder.File("export");
        DuckDbBaseline.Run(SeedData.File("tracks_live.csv"), SeedData.File("cust.csv"), SeedData.File("music.csv"), export);

        var expected = BruteForceReference.Compute(
            File.ReadLines(SeedData.File("tracks_live.csv")),
            LookupFiles.CustomerGenders(SeedData.File("cust.csv")),
            LookupFiles.TrackIds(SeedData.File("music.csv")));
        ResultsAssert.Equal(expected, ResultsReader.Read(export));
    }

    [Fact]
    public void Without_lookup_files_every_play_is_of_an_unknown_customer_and_track()
    {
        using var folder = new TempFolder();
        var events = folder.File("events.csv");
        string[] lines = ["0,1,2,\"2014-10-01 00:00:00\",1,\"1\"", "1,1,2,\"2014-10-01 00:10:00\",0,\"1\"", "2,1,2,\"2014-10-01 00:20:00\",0,\"1\""];
        File.WriteAllLines(events, lines);
        var export = folder.File("export");

        var results = DuckDbBaseline.Run(events, null, null, export);

        ResultsAssert.Equal(BruteForceReference.Compute(lines, new Dictionary<int, string>(), new HashSet<int>()), ResultsReader.Read(export));
        Assert.Equal(3, results.Summary.UnknownCustomers);
        Assert.Equal("unknown", Assert.Single(results.TopTracks.Select(w => w.Gender).Distinct()));
    }
}
