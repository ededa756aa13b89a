using System.Collections.Concurrent;
using System.Diagnostics;
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
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>A running <c>playstream</c> whose output lines are collected as they come.</summary>
    private sealed class Running : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        public Running(string folder, params string[] arguments)
        {
            _process = CliProcess.Start(folder, arguments);
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _lines.Enqueue("stderr: " + e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public IReadOnlyCollection<string> Lines => _lines;

        public string WaitForLine(Func<string, bool> match)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (DateTime.UtcNow < deadline)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                    return line;
                if (_process.HasExited)
                    break;
                Thread.Sleep(20);
            }
            throw new TimeoutException("no such line; the output was:\n" + string.Join('\n', _lines));
        }

        /// <summary>Waits for the line a results write prints with the plays counted so far.</summary>
        public void WaitForPlays(int plays) =>
            WaitForLine(l => l.EndsWith(string.Create(CultureInfo.InvariantCulture, $" {plays:N0} plays"), StringComparison.Ordinal));

        /// <summary>kill -9: no last write, no last checkpoint.</summary>
        public void Crash()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
        public int Terminate()
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            if (!_process.WaitForExit(Patience))
                throw new TimeoutException("did not stop on SIGTERM");
            _process.WaitForExit(); // the output read to its end
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                _process.Kill();
            _process.Dispose();
        }
    }

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
        using (var first = new Running(folder.Path, follow))
        {
            first.WaitForPlays(1000);
            File.AppendAllLines(log, all.Skip(1000).Take(1000));
            first.WaitForPlays(2000); // written and checkpointed
            first.Crash();
        }

        File.AppendAllLines(log, [.. all.Skip(2000).Take(500), "7,7,7,\"2014-10-01 00:00:00\",2,\"1\""]);
        File.AppendAllLines(log, all.Skip(2500));
        using (var second = new Running(folder.Path, follow))
        {
            var resumed = second.WaitForLine(l => l.StartsWith("resumed from the checkpoint", StringComparison.Ordinal));
            Assert.Contains("(2,000 plays): live.csv from line 2,001", resumed, StringComparison.Ordinal);
            second.WaitForPlays(3000);
            Assert.Equal(0, second.Terminate());
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
