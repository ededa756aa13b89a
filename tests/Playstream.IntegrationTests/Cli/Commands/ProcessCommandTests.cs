using Playstream.Core.Events;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Pipeline;
using Playstream.IntegrationTests.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Cli.Commands;

/// <summary>
/// <c>playstream process</c> on the real Kafka, Redis and Elasticsearch: the seed log through
/// a 3-partition topic gives exactly the brute-force results, each play indexed once, and a
/// stop in the middle changes nothing. In the Elasticsearch collection, so that no other test
/// uses the cluster while one of these pauses it.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ProcessCommandTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    private static readonly string[] BadLines =
    [
        "9000,48,453,\"2014-13-23 03:26:20\",0,\"72132\"",
        "9001,48,453,\"2014-10-23 03:26:20\",7,\"72132\"",
        "not,a,play",
    ];

    private static string[] SeedLog() => File.ReadAllLines(SeedData.File("tracks_live.csv"));

    [Fact]
    public async Task Process_until_idle_on_the_fixture_files_gives_the_reference_results_and_indexes_each_play_once()
    {
        using var pipeline = NewPipeline();
        await pipeline.StartAsync(Fixtures.Customers, Fixtures.Tracks);
        var lines = LogFile.Lines(Fixtures.Plays).Where(l => !EventParser.IsBlank(l)).ToArray();
        pipeline.Produce(lines);

        var expected = BruteForceReference.Compute(lines, Fixtures.CustomerGenders, Fixtures.TrackIds);
        Assert.Equal(Fixtures.PlayCount, expected.Summary.Events);
        Assert.Equal(Fixtures.DeadLettersByReason, expected.Summary.DeadLettersByReason);
        Assert.Equal((Fixtures.UnknownCustomerPlays, Fixtures.UnknownTrackPlays), (expected.Summary.UnknownCustomers, expected.Summary.UnknownTracks));
        await UntilIdleGivesTheReferenceAsync(pipeline, expected);
    }

    [SeedDataFact]
    public async Task Process_until_idle_gives_the_reference_results_and_indexes_each_play_once()
    {
        using var pipeline = NewPipeline();
        await pipeline.StartAsync();
        var lines = SeedLog().Concat(BadLines).ToArray();
        pipeline.Produce(lines);

        var expected = StackPipeline.Reference(lines);
        Assert.Equal(3, expected.Summary.DeadLetters);
        await UntilIdleGivesTheReferenceAsync(pipeline, expected);
    }

    private static async Task UntilIdleGivesTheReferenceAsync(StackPipeline pipeline, Core.Results.AnalyticsResults expected)
    {
        var run = pipeline.Process();
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        ResultsAssert.Equal(expected, pipeline.Export());
        Assert.Equal(expected.Summary.Events, await pipeline.IndexedPlaysAsync());

        // Redis holds the lists and lookups: every interest, the unique-track sets, the profiles,
        // and for each gender the top list of the latest window.
        var (interests, unique, profiles, top) = await pipeline.RedisResultsAsync();
        Assert.Equal(expected.Interests.OrderBy(i => i.CustomerId).ThenBy(i => i.TrackId), interests.OrderBy(i => i.CustomerId).ThenBy(i => i.TrackId));
        Assert.Equal(expected.UniqueTracks.Select(u => (u.Scope, string.Join(',', u.TrackIds))), unique.OrderBy(u => u.Scope, StringComparer.Ordinal).Select(u => (u.Scope, string.Join(',', u.TrackIds))));
        Assert.Equal(expected.Profiles, profiles.OrderBy(p => p.CustomerId));
        foreach (var latest in expected.TopTracks.GroupBy(w => w.Gender).Select(g => g.MaxBy(w => w.WindowStart)!))
        {
            var stored = Assert.Single(top, w => w.Gender == latest.Gender);
            Assert.Equal(latest.WindowStart, stored.WindowStart);
            Assert.Equal(latest.Tracks, stored.Tracks);
        }
    }

    [SeedDataFact]
    public async Task The_dashboard_reads_in_full_mode_what_process_wrote()
    {
        using var pipeline = NewPipeline();
        await pipeline.StartAsync();
        var lines = SeedLog();
        pipeline.Produce(lines);
        using var client = es.CreateClient();
        using var connection = await Playstream.Redis.RedisConnection.ConnectAsync(new Playstream.Redis.RedisOptions { Endpoint = $"{redis.Endpoint},defaultDatabase={RedisServer.Database}" });
        var source = new Playstream.Dashboard.Sources.StackSource(client, new Playstream.Elasticsearch.Sinks.PlaystreamIndices(pipeline.IndexPrefix),
            connection, new Playstream.Redis.RedisKeys(pipeline.RedisPrefix), "test");
        Assert.Equal("missing", (await source.LoadAsync()).Status.State);

        var run = pipeline.Process();
        Assert.True(run.ExitCode == 0, run.Error + run.Output);
        foreach (var index in new[] { "status", "pane-plays", "zip-plays", "activity", "top-tracks", "profiles", "interests", "unique-tracks", "summary", "profile-summary" })
            await client.RefreshAsync($"{pipeline.IndexPrefix}-{index}");

        var data = await source.LoadAsync();
        ResultsAssert.Equal(StackPipeline.Reference(lines), data.Results);
        // Every play is in one pane under one value of each dimension, read back from one document per pane.
        foreach (var dimension in new[] { "gender", "level", "age" })
            Assert.Equal(lines.Length, data.Breakdowns.Panes.Where(p => p.Dimension == dimension).Sum(p => p.Plays));
        Assert.Equal(data.Breakdowns.Panes.Count, data.Breakdowns.Panes.Distinct().Count());
        Assert.Equal(lines.Length, data.Breakdowns.Zips.Sum(z => z.Plays));
        Assert.Equal(5000, data.Lookups.Customers.Count);
        Assert.NotEqual("none", await source.VersionAsync());
    }

    [SeedDataFact]
    public async Task A_stop_in_the_middle_and_a_restart_give_the_same_final_results()
    {
        using var pipeline = NewPipeline();
        await pipeline.StartAsync();
        var lines = SeedLog();
        var half = lines.Length / 2;
        pipeline.Produce(lines[..half]);
        var first = pipeline.Process();
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        ResultsAssert.Equal(StackPipeline.Reference(lines[..half]), pipeline.Export());

        pipeline.Produce(lines[half..]);
        var second = pipeline.Process();
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("restored from its checkpoint", second.Error, StringComparison.Ordinal);

        ResultsAssert.Equal(StackPipeline.Reference(lines), pipeline.Export());
        Assert.Equal(lines.Length, await pipeline.IndexedPlaysAsync());
    }

    [SeedDataFact]
    public async Task Elasticsearch_down_at_start_is_waited_for_reported_and_nothing_is_lost()
    {
        using var pipeline = NewPipeline();
        await pipeline.StartAsync();
        var lines = SeedLog();
        pipeline.Produce(lines);

        StopElasticsearch();
        System.Diagnostics.Process process;
        try
        {
            process = pipeline.StartProcess();
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.False(process.HasExited, "process gave up while Elasticsearch was down");
        }
        finally
        {
            StartStack();
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "process did not finish after Elasticsearch came back");
            Assert.True(process.ExitCode == 0, await error + await output);
            Assert.Matches("elasticsearch unreachable|failed .*retrying", await error);
        }

        ResultsAssert.Equal(StackPipeline.Reference(lines), pipeline.Export());
        Assert.Equal(lines.Length, await pipeline.IndexedPlaysAsync());
    }

    [SeedDataFact]
    public async Task Sigterm_flushes_checkpoints_commits_leaves_the_group_and_exits_0()
    {
        using var pipeline = NewPipeline();
        await pipeline.StartAsync();
        var lines = SeedLog();
        pipeline.Produce(lines);

        using var process = pipeline.StartFollowing();
        _ = process.StandardOutput.ReadToEndAsync();
        var stderr = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            stderr.AppendLine(line);
            if (line.Contains($"{lines.Length:N0} records read", StringComparison.Ordinal))
                break;
        }
        using (var term = System.Diagnostics.Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        stderr.Append(await process.StandardError.ReadToEndAsync());
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "process did not stop after SIGTERM");
        Assert.True(process.ExitCode == 0, stderr.ToString());

        // Everything was committed and checkpointed: a new member of the group reads nothing new.
        var again = pipeline.Process();
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("processed 0 records", again.Output, StringComparison.Ordinal);
        ResultsAssert.Equal(StackPipeline.Reference(lines), pipeline.Export());
    }

    private static string StackScript()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "stack", "stack.sh")))
                return Path.Combine(d.FullName, "stack", "stack.sh");
        throw new InvalidOperationException("stack/stack.sh not found above the test binaries");
    }

    private static void StopElasticsearch()
    {
        var stackDir = Environment.GetEnvironmentVariable("PLAYSTREAM_STACK_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(StackScript()))!, ".playstream", "stack");
        var pid = int.Parse(File.ReadAllText(Path.Combine(stackDir, "run", "elasticsearch.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        using var es = System.Diagnostics.Process.GetProcessById(pid);
        es.Kill();
        Assert.True(es.WaitForExit(TimeSpan.FromSeconds(30)), "Elasticsearch did not stop");
    }

    private static void StartStack()
    {
        using var up = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", [StackScript(), "up"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        up.StandardOutput.ReadToEnd();
        up.WaitForExit();
        Assert.Equal(0, up.ExitCode);
    }

    private StackPipeline NewPipeline() => new(kafka, redis, es);
}
