using Microsoft.Data.Sqlite;
using Playstream.Core.Export;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary><c>playstream run</c> end to end, as a separate process, checked against the brute-force reference.</summary>
public sealed class RunCommandTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Run_on_generated_data_with_bad_lines_matches_the_reference(int parallelism)
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var generated = CliProcess.Run(folder.Path, "generate", "--out", data, "--events", "20000", "--customers", "300", "--tracks", "250", "--days", "4", "--seed", "11");
        Assert.True(generated.ExitCode == 0, generated.Error + generated.Output);

        // A second log with every kind of bad line, blank lines, CRLF, and plays of unknown customers and tracks.
        var extra = folder.File("extra.csv");
        string[] extraLines =
        [
            "1,5,7,\"2014-10-02 10:00:00\",1,\"11111\"",
            "",
            "2,99999,7,\"2014-10-02 10:01:00\",0,\"22222\"",
            "3,5,99999,2014-10-02 10:02:00,1,33333",
            "4,5,7,\"2014-10-02 10:03:00\",2,\"1\"",
            "5,5,7,\"2014-02-30 10:03:00\",1,\"1\"",
            "six,5,7,\"2014-10-02 10:03:00\",1,\"1\"",
            "7,5,7,\"2014-10-02 10:03:00\",1",
            "8,-5,7,\"2014-10-02 10:03:00\",1,\"1\"",
            "9,5,x,\"2014-10-02 10:03:00\",1,\"1\"",
            "10,5,7,\"2014-10-02 10:03:00,1,\"1\"",
            "   ",
            "11,5,7,\"2014-10-02 10:04:00\",0,\"\"",
        ];
        File.WriteAllText(extra, string.Join("\r\n", extraLines) + "\r\n");

        var events = Path.Combine(data, "tracks.csv");
        var export = folder.File("export");
        var store = folder.File("store.db");
        var run = CliProcess.Run(folder.Path, "run", "--events", events, extra, "--customers", Path.Combine(data, "cust.csv"),
            "--tracks", Path.Combine(data, "music.csv"), "--export", export, "--store", store, "--parallelism", parallelism.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var expected = BruteForceReference.Compute(
            File.ReadLines(events).Concat(File.ReadLines(extra)),
            LookupFiles.CustomerGenders(Path.Combine(data, "cust.csv")),
            LookupFiles.TrackIds(Path.Combine(data, "music.csv")));
        ResultsAssert.Equal(expected, ResultsReader.Read(export));
        Assert.Equal(20004, expected.Summary.Events);
        Assert.Equal(7, expected.Summary.DeadLetters);

        // Every bad line is kept with its file, line number and text.
        using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reason, source, line, raw FROM dead_letters ORDER BY line";
        using var reader = command.ExecuteReader();
        var letters = new List<(string Reason, string Source, long Line, string Raw)>();
        while (reader.Read())
            letters.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        Assert.Equal(
            [
                ("bad_ismobile", 5L), ("bad_datetime", 6L), ("bad_event_id", 7L), ("field_count", 8L),
                ("bad_customer_id", 9L), ("bad_track_id", 10L), ("bad_quoting", 11L),
            ],
            letters.Select(l => (l.Reason, l.Line)).ToArray());
        Assert.All(letters, l => Assert.Equal(Path.GetFullPath(extra), Path.GetFullPath(l.Source)));
        Assert.Equal(extraLines[4], letters[0].Raw);
        Assert.Contains("dead letters", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_on_the_fixture_files_matches_the_reference()
    {
        using var folder = new TempFolder();
        var export = folder.File("export");
        var run = CliProcess.Run(folder.Path, "run", "--events", Fixtures.Plays, "--customers", Fixtures.Customers,
            "--tracks", Fixtures.Tracks, "--export", export, "--store", folder.File("store.db"), "--no-plays");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var expected = BruteForceReference.Compute(LogFile.Lines(Fixtures.Plays), Fixtures.CustomerGenders, Fixtures.TrackIds);
        Assert.Equal(Fixtures.PlayCount, expected.Summary.Events);
        Assert.Equal(Fixtures.DeadLettersByReason, expected.Summary.DeadLettersByReason);
        Assert.Equal((Fixtures.UnknownCustomerPlays, Fixtures.UnknownTrackPlays), (expected.Summary.UnknownCustomers, expected.Summary.UnknownTracks));
        // Customer 1 played track 326 at 08:05, 08:15 and 08:29:59: the third play makes it an interest.
        var interest = Assert.Single(expected.Interests);
        Assert.Equal((1, 326, Utc.Seconds("2014-10-01 08:29:59")), (interest.CustomerId, interest.TrackId, interest.DetectedAt));
        ResultsAssert.Equal(expected, ResultsReader.Read(export));
    }

    [SeedDataFact]
    public void Run_on_the_seed_live_log_matches_the_reference()
    {
        using var folder = new TempFolder();
        var export = folder.File("export");
        var run = CliProcess.Run(folder.Path, "run", "--events", SeedData.File("tracks_live.csv"), "--customers", SeedData.File("cust.csv"),
            "--tracks", SeedData.File("music.csv"), "--export", export, "--store", folder.File("store.db"), "--no-plays");
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var expected = BruteForceReference.Compute(
            File.ReadLines(SeedData.File("tracks_live.csv")),
            LookupFiles.CustomerGenders(SeedData.File("cust.csv")),
            LookupFiles.TrackIds(SeedData.File("music.csv")));
        Assert.Equal(3474, expected.Summary.Events);
        ResultsAssert.Equal(expected, ResultsReader.Read(export));
    }

    [Fact]
    public void A_second_run_says_it_replaces_the_earlier_results()
    {
        using var folder = new TempFolder();
        var events = folder.File("plays.csv");
        File.WriteAllText(events, "0,1,2,\"2014-10-01 00:00:00\",1,\"1\"\n");
        var first = CliProcess.Run(folder.Path, "run", "--events", events, "--store", folder.File("s.db"));
        var second = CliProcess.Run(folder.Path, "run", "--events", events, "--store", folder.File("s.db"));
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("replaced", first.Output, StringComparison.Ordinal);
        Assert.Contains("replaced the earlier results", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_customers_file_stops_the_run_with_one_line_naming_it()
    {
        using var folder = new TempFolder();
        var events = folder.File("plays.csv");
        File.WriteAllText(events, "0,1,2,\"2014-10-01 00:00:00\",1,\"1\"\n");
        var run = CliProcess.Run(folder.Path, "run", "--events", events, "--customers", folder.File("nope.csv"), "--store", folder.File("s.db"));
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nope.csv", line, StringComparison.Ordinal);
        Assert.StartsWith("playstream: customers file", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--activity-window", "7m", "--activity-window")]
    [InlineData("--top-tracks-slide", "soon", "--top-tracks-slide")]
    [InlineData("--top-n", "0", "top-n")]
    public void A_bad_setting_stops_start_up_with_one_line_naming_it(string option, string value, string named)
    {
        using var folder = new TempFolder();
        var events = folder.File("plays.csv");
        File.WriteAllText(events, "0,1,2,\"2014-10-01 00:00:00\",1,\"1\"\n");
        var run = CliProcess.Run(folder.Path, "run", "--events", events, "--store", folder.File("s.db"), option, value);
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(named.TrimStart('-'), line, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("s.db")), "nothing is written when a setting is bad");
    }
}
