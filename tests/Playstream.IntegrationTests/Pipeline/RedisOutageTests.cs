using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Playstream.Elasticsearch.Sinks;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.Redis;
using Playstream.TestSupport;
using Xunit.Abstractions;

namespace Playstream.IntegrationTests.Pipeline;

/// <summary>
/// Redis crashing under a running <c>process</c>: a redis-server of the test's own (with an
/// append-only file, as a production Redis keeps) is killed with kill -9 after the first flush,
/// while plays are still being read, stays down until a flush has failed on it and a while
/// longer, and is started again. The process must neither crash nor give up, must say on stderr
/// what failed and that it retries, backing off rather than flooding, and must end with exactly
/// the brute-force results, each play indexed once. Also when Redis comes back empty (no
/// persistence, as the local stack's): the process still holds its lookups and state, and
/// rewrites the checkpoints and results at its next flush. In the Elasticsearch collection, so
/// that no test pauses the shared Elasticsearch meanwhile.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed partial class RedisOutageTests(ElasticsearchServer es, KafkaBroker kafka, ITestOutputHelper output) : IClassFixture<KafkaBroker>
{
    private static readonly TimeSpan StillDown = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Redis_killed_mid_stream_is_retried_with_backoff_reported_and_nothing_is_lost(bool keepsItsData)
    {
        using var folder = new TempFolder();
        using var redis = await PrivateRedisServer.StartAsync(keepsItsData);
        // Every step as a user runs it: generate, load the lookups, ship the log, process, export.
        var (data, lines, topic, id, connection) = await ShippedAsync(folder, redis, 120_000, "redis-outage");
        using var process = CliProcess.Start(folder.Path,
        [
            "process", "--topic", topic, "--group", $"it-{id}", "--until-idle", "--flush-interval", "1s",
            // Small fetches, so that the process is still reading when Redis goes.
            "--kafka-property", "fetch.message.max.bytes=32768", .. connection,
        ]);
        var stderr = new StderrLines(process);
        try
        {
            var firstFlush = await stderr.WaitForAsync(l => l.Contains("flushed:", StringComparison.Ordinal), from: 0, TimeSpan.FromMinutes(2));
            Assert.True(firstFlush is not null, "process never flushed: " + stderr.Text);
            Assert.True(RecordsRead(firstFlush) < lines.Length, $"everything was read before Redis went ({firstFlush}); the outage would not be mid-stream");

            redis.Kill();
            var killedAt = stderr.Count;
            // The next flush needs Redis (checkpoints, results): it fails, says so, and is retried.
            // Redis stays down until that was said, then a while longer, for the retries to back off.
            var failed = await stderr.WaitForAsync(IsFlushRetry, killedAt, TimeSpan.FromSeconds(90));
            Assert.True(failed is not null, "no flush step reported failing while Redis was down: " + stderr.Text);
            // Which server, and the cause in a few words, not the client's whole connection state.
            Assert.Contains("(redis: ", failed, StringComparison.Ordinal);
            Assert.True(failed.Length < 300, "the report is not short: " + failed);
            await Task.Delay(StillDown);
            Assert.False(process.HasExited, "process gave up while Redis was down: " + stderr.Text);

            await redis.RestartAsync();
            var outage = stderr.Lines(killedAt, stderr.Count);
            // Steps that need Redis (commits, reading partials, writing results) are retried each on its own.
            var bySteps = outage.Where(IsFlushRetry).GroupBy(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..l.IndexOf(" failed (", StringComparison.Ordinal)]).ToList();
            Assert.True(bySteps.Any(g => g.Count() >= 2), "no failed step was retried while Redis was down:\n" + string.Join('\n', outage));
            // Backoff, not a flood: each retry of a step waits longer than the one before.
            foreach (var step in bySteps)
            {
                var delays = step.Select(RetryDelaySeconds).ToList();
                Assert.True(delays.Zip(delays.Skip(1)).All(d => d.Second > d.First), "retries did not back off:\n" + string.Join('\n', outage));
            }
            Assert.True(outage.Count <= 12, "too many lines during an outage of seconds:\n" + string.Join('\n', outage));

            Assert.True(await stderr.WaitForExitAsync(TimeSpan.FromMinutes(4)), "process did not finish after Redis came back: " + stderr.Text);
            Assert.True(process.ExitCode == 0, stderr.Text);
            Assert.Contains(stderr.Lines(killedAt, stderr.Count), l => l.Contains("recovered after", StringComparison.Ordinal));
        }
        finally
        {
            output.WriteLine(string.Join('\n', stderr.Lines(0, stderr.Count)));
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }

        var expected = StackPipeline.Reference(lines, data.Customers, data.Tracks);
        var indices = new PlaystreamIndices($"it-{id}");
        await RefreshAsync(indices);
        ResultsAssert.Equal(expected, Export(folder, connection));
        using (var client = es.CreateClient())
            Assert.Equal(lines.Length, await client.CountAsync(indices.Plays));

        // What Redis keeps was written whole after it came back: every profile and interest.
        using var reconnected = await RedisConnection.ConnectAsync(new RedisOptions { Endpoint = redis.Endpoint });
        var stored = new RedisResultsReader(reconnected, new RedisKeys());
        Assert.Equal(expected.Profiles, await stored.ReadProfilesAsync());
        Assert.Equal(expected.Interests.OrderBy(i => i.CustomerId).ThenBy(i => i.TrackId), await stored.ReadInterestsAsync());
        es.DeleteIndices($"it-{id}");
    }

    [Fact]
    public async Task A_stop_while_redis_is_down_waits_a_grace_period_then_leaves_and_a_restart_loses_nothing()
    {
        using var folder = new TempFolder();
        using var redis = await PrivateRedisServer.StartAsync(true);
        var (data, lines, topic, id, connection) = await ShippedAsync(folder, redis, 60_000, "redis-stop");
        string[] run = ["process", "--topic", topic, "--group", $"it-{id}", "--flush-interval", "1s", "--kafka-property", "fetch.message.max.bytes=32768", .. connection];
        using (var process = CliProcess.Start(folder.Path, run))
        {
            var stderr = new StderrLines(process);
            try
            {
                Assert.True(await stderr.WaitForAsync(l => l.Contains("flushed:", StringComparison.Ordinal), from: 0, TimeSpan.FromMinutes(2)) is not null, stderr.Text);
                redis.Kill();
                Assert.True(await stderr.WaitForAsync(IsFlushRetry, 0, TimeSpan.FromSeconds(90)) is not null, stderr.Text);

                var stopAt = System.Diagnostics.Stopwatch.StartNew();
                using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                    await term.WaitForExitAsync();
                // A stop ends within 30 s in every state; Redis would not come back. With work since the last commit
                // it is given the grace of 20 s to write it; with none (the member was waiting on Redis) it goes at once.
                Assert.True(await stderr.WaitForExitAsync(TimeSpan.FromSeconds(45)), "a stop while Redis is down did not end: " + stderr.Text);
                Assert.InRange(stopAt.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
                if (stderr.Lines(0, stderr.Count).Any(l => l.Contains("stopping without the last flush", StringComparison.Ordinal)))
                    Assert.InRange(stopAt.Elapsed, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
                Assert.Equal(0, process.ExitCode);
            }
            finally
            {
                output.WriteLine(string.Join('\n', stderr.Lines(0, stderr.Count)));
                if (!process.HasExited)
                    process.Kill(entireProcessTree: true);
            }
        }

        // Redis back: a new instance resumes from the last checkpoints that were written, nothing lost or doubled.
        await redis.RestartAsync();
        var finish = CliProcess.Run(folder.Path, [.. run, "--until-idle"]);
        Assert.True(finish.ExitCode == 0, finish.Error);
        var indices = new PlaystreamIndices($"it-{id}");
        await RefreshAsync(indices);
        ResultsAssert.Equal(StackPipeline.Reference(lines, data.Customers, data.Tracks), Export(folder, connection));
        using var client = es.CreateClient();
        Assert.Equal(lines.Length, await client.CountAsync(indices.Plays));
        es.DeleteIndices($"it-{id}");
    }

    /// <summary>A flush step's report of a failed try: <c>WHAT failed (WHY); retrying in Ns</c>.</summary>
    private static bool IsFlushRetry(string line) => FlushRetry().IsMatch(line);

    private static int RetryDelaySeconds(string line) =>
        int.Parse(FlushRetry().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"failed \(.*\); retrying in (\d+)s")]
    private static partial Regex FlushRetry();

    [GeneratedRegex(@"([\d,]+) records read")]
    private static partial Regex RecordsReadCount();

    private static long RecordsRead(string flushedLine) =>
        long.Parse(RecordsReadCount().Match(flushedLine).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>A generated log shipped to a fresh topic, its lookups loaded into <paramref name="redis"/>, and the connection options of a run on them.</summary>
    private async Task<((string Customers, string Tracks, string Events) Data, string[] Lines, string Topic, string Id, string[] Connection)> ShippedAsync(
        TempFolder folder, PrivateRedisServer redis, int events, string purpose)
    {
        var data = Generate(folder, events);
        Load(folder, redis, "customers", data.Customers);
        Load(folder, redis, "tracks", data.Tracks);
        var topic = await kafka.CreateTopicAsync(purpose, 3);
        Ship(folder, data.Events, topic);
        var id = Guid.NewGuid().ToString("N")[..12];
        string[] connection = ["--bootstrap", kafka.BootstrapServers, "--redis", redis.Endpoint, "--es-url", es.Url.ToString(), "--index-prefix", $"it-{id}"];
        return (data, File.ReadAllLines(data.Events), topic, id, connection);
    }

    private static (string Customers, string Tracks, string Events) Generate(TempFolder folder, int events)
    {
        var directory = folder.File("data");
        var generated = CliProcess.Run(folder.Path, "generate", "--out", directory, "--events", events.ToString(CultureInfo.InvariantCulture),
            "--customers", "600", "--tracks", "250", "--days", "2", "--seed", "31");
        Assert.True(generated.ExitCode == 0, generated.Error);
        return (Path.Combine(directory, "cust.csv"), Path.Combine(directory, "music.csv"), Path.Combine(directory, "tracks.csv"));
    }

    private static void Load(TempFolder folder, PrivateRedisServer redis, string kind, string file)
    {
        var loaded = CliProcess.Run(folder.Path, "load", kind, file, "--redis", redis.Endpoint);
        Assert.True(loaded.ExitCode == 0, loaded.Error + loaded.Output);
    }

    private void Ship(TempFolder folder, string log, string topic)
    {
        var shipped = CliProcess.Run(folder.Path, "ship", log, "--topic", topic, "--exit-at-eof", "--bootstrap", kafka.BootstrapServers);
        Assert.True(shipped.ExitCode == 0, shipped.Error + shipped.Output);
    }

    private static Core.Results.AnalyticsResults Export(TempFolder folder, string[] connection)
    {
        var directory = folder.File("export");
        var outcome = CliProcess.Run(folder.Path, ["export", directory, .. connection]);
        Assert.True(outcome.ExitCode == 0, outcome.Error + outcome.Output);
        return Core.Export.ResultsReader.Read(directory);
    }

    /// <summary>
    /// Makes the last flush's writes searchable: a search sees an index as of its last refresh,
    /// once a second on an idle server and later on a busy one, and the export searches.
    /// </summary>
    private async Task RefreshAsync(PlaystreamIndices indices)
    {
        using var client = es.CreateClient();
        foreach (var (index, _) in indices.ResultIndices())
            await client.RefreshAsync(index);
        await client.RefreshAsync(indices.Plays);
    }

    /// <summary>A running process's stderr as it arrives, line by line (stdout drained alongside).</summary>
    private sealed class StderrLines
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public StderrLines(Process process)
        {
            _process = process;
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                    _ended.TrySetResult();
                else
                    lock (_lines)
                        _lines.Add(e.Data);
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public int Count
        {
            get
            {
                lock (_lines)
                    return _lines.Count;
            }
        }

        /// <summary>The last lines, for a failure message.</summary>
        public string Text
        {
            get
            {
                lock (_lines)
                    return string.Join('\n', _lines.TakeLast(80));
            }
        }

        public IReadOnlyList<string> Lines(int from, int to)
        {
            lock (_lines)
                return _lines.Skip(from).Take(to - from).ToList();
        }

        /// <summary>The first line from index <paramref name="from"/> on that matches; null when none came in time or stderr ended.</summary>
        public async Task<string?> WaitForAsync(Func<string, bool> match, int from, TimeSpan limit)
        {
            var deadline = DateTime.UtcNow + limit;
            while (true)
            {
                // Read before the scan: once stderr has ended, every line is in the list.
                var ended = _ended.Task.IsCompleted;
                lock (_lines)
                {
                    for (var i = from; i < _lines.Count; i++)
                        if (match(_lines[i]))
                            return _lines[i];
                }
                if (ended || DateTime.UtcNow > deadline)
                    return null;
                await Task.Delay(100);
            }
        }

        /// <summary>Waits for the process to exit and its stderr to be read to the end.</summary>
        public async Task<bool> WaitForExitAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
                await _ended.Task.WaitAsync(timeout.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
