using System.Globalization;
using Microsoft.Data.Sqlite;
using Playstream.Core.Export;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Commands;

/// <summary>
/// <c>playstream run --follow</c> as a separate process: killed with kill -9 after a results
/// write, started again, stopped with SIGTERM; the export checked against the brute-force reference.
/// </summary>
public sealed class FollowRunTests
{
    private static void WaitForPlays(RunningCli run, int plays) =>
        run.WaitForLine(l => l.EndsWith(string.Create(CultureInfo.InvariantCulture, $" {plays:N0} plays"), StringComparison.Ordinal));

    private static List<(long, int, int, long)> StoredPlays(string store)
    {
        using var connection = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_id, customer_id, track_id, time FROM plays";
        using var reader = command.ExecuteReader();
        var plays = new List<(long, int, int, long)>();
        while (reader.Read())
            plays.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt64(3)));
        return plays.Order().ToList();
    }

    [Fact]
    public void Killed_after_a_write_and_started_again_it_counts_every_line_once()
    {
        using var folder = new TempFolder();
        var data = folder.File("data");
        var generated = CliProcess.Run(folder.Path, "generate", "--out", data, "--events", "3000", "--customers", "200", "--tracks", "150", "--days", "3", "--seed", "21");
        Assert.True(generated.ExitCode == 0, generated.Error + generated.Output);
        var all = File.ReadAllLines(Path.Combine(data, "tracks.csv")).Where(l => l.Length > 0).ToList();
        Assert.Equal(3000, all.Count);
        var log = folder.File("live.csv");
        var store = folder.File("store.db");
        string[] follow = ["run", "--follow", "--events", log, "--customers", Path.Combine(data, "cust.csv"), "--tracks", Path.Combine(data, "music.csv"), "--store", store];

        File.WriteAllLines(log, all.Take(1000));
        using (var first = new RunningCli(folder.Path, follow))
        {
            WaitForPlays(first, 1000);
            File.AppendAllLines(log, all.Skip(1000).Take(1000));
            WaitForPlays(first, 2000); // written and checkpointed
            first.Crash();
        }

        File.AppendAllLines(log, [.. all.Skip(2000).Take(500), "7,7,7,\"2014-10-01 00:00:00\",2,\"1\""]);
        File.AppendAllLines(log, all.Skip(2500));
        using (var second = new RunningCli(folder.Path, follow))
        {
            var resumed = second.WaitForLine(l => l.StartsWith("resumed from the checkpoint", StringComparison.Ordinal));
            Assert.Contains("(2,000 plays): live.csv from line 2,001", resumed, StringComparison.Ordinal);
            WaitForPlays(second, 3000);
            second.Terminate();
            Assert.Equal(0, second.ExitCode);
            Assert.Contains(second.Lines, l => l.Contains("dead letters", StringComparison.Ordinal) && l.Contains("bad_ismobile 1", StringComparison.Ordinal));
        }

        var export = folder.File("export");
        var exported = CliProcess.Run(folder.Path, "export", export, "--store", store);
        Assert.True(exported.ExitCode == 0, exported.Error + exported.Output);
        var lines = File.ReadAllLines(log).ToList();
        var expected = BruteForceReference.Compute(lines,
            LookupFiles.CustomerGenders(Path.Combine(data, "cust.csv")), LookupFiles.TrackIds(Path.Combine(data, "music.csv")));
        Assert.Equal(3000, expected.Summary.Events);
        ResultsAssert.Equal(expected, ResultsReader.Read(export));
        var reference = lines.Select(l => ReferenceLineParser.Parse(l).Play).OfType<ReferencePlay>()
            .Select(p => (p.EventId, p.CustomerId, p.TrackId, p.Time)).Order().ToList();
        Assert.Equal(reference, StoredPlays(store));
    }

    [Fact]
    public void Allowed_lateness_reads_and_refuses_durations_as_process_does_and_only_with_follow()
    {
        using var folder = new TempFolder();
        var events = folder.File("plays.csv");
        File.WriteAllText(events, "0,1,2,\"2014-10-01 00:00:00\",1,\"1\"\n");
        var run = CliProcess.Run(folder.Path, "run", "--follow", "--events", events, "--store", folder.File("s.db"), "--allowed-lateness", "soon");
        var process = CliProcess.Run(folder.Path, "process", "--topic", "t", "--allowed-lateness", "soon");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("playstream: --allowed-lateness: 'soon' is not a duration (examples: 90s, 30m, 1h)", run.Error.Trim());
        Assert.Equal(run.Error, process.Error);

        var batch = CliProcess.Run(folder.Path, "run", "--events", events, "--store", folder.File("s.db"), "--allowed-lateness", "1h");
        Assert.Equal(2, batch.ExitCode);
        Assert.Contains("only with --follow", batch.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.File("s.db")), "nothing is written when an option is refused");
    }
}
