using System.Collections.Concurrent;
using System.Diagnostics;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.TestSupport;
using Xunit.Abstractions;

namespace Playstream.IntegrationTests.Pipeline;

/// <summary>
/// Members of one group failing as real processes do, while plays are still being appended to
/// a 6-partition topic, not keyed by customer: kill -9 while another member joins, SIGSTOP past
/// the session timeout and SIGCONT, SIGTERM at random moments (mid-rebalance included). Every
/// time the final export equals the brute-force reference of every line appended.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class GroupFailureTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis, ITestOutputHelper output)
    : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    private const int Partitions = 6;
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromMilliseconds(Playstream.Kafka.Configuration.KafkaOptions.DefaultSessionTimeoutMs);

    [Fact]
    public async Task One_of_three_killed_while_a_fourth_joins_loses_nothing_and_counts_nothing_twice()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = await StartAsync(pipeline, events: 90_000, seed: 11);
        var producing = pipeline.ProduceLiveAsync(data.Lines, perSecond: 3_000);

        using var members = new Members(pipeline, 3);
        members.WaitUntilEachFlushed();
        members[1].Crash();
        var joined = Stopwatch.StartNew();
        var fourth = members.Add();
        // Its share comes at the next rebalance, which waits at most one session for the dead member.
        fourth.WaitForLine(l => l.Contains(": new (epoch", StringComparison.Ordinal) || l.Contains("restored from its checkpoint", StringComparison.Ordinal),
            SessionTimeout + TimeSpan.FromSeconds(5) + StartUp);
        output.WriteLine($"the fourth member took its first partition {joined.Elapsed.TotalSeconds:F1} s after it was started");

        await producing;
        members.AddFinisher();
        members.AssertEachFinished(except: members[1]);
        ResultsAssert.Equal(data.Reference(), pipeline.Export());
    }

    [Fact]
    public async Task A_member_paused_past_its_session_is_fenced_and_what_users_see_never_steps_back()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = await StartAsync(pipeline, events: 90_000, seed: 12);
        var producing = pipeline.ProduceLiveAsync(data.Lines, perSecond: 3_000);
        using var watch = await SummaryWatch.StartAsync(pipeline);

        using var members = new Members(pipeline, 3);
        members.WaitUntilEachFlushed();
        var paused = members[0];
        var restoredBefore = members[1].Count("restored from its checkpoint") + members[2].Count("restored from its checkpoint");
        paused.Pause();
        // The others take its partitions over from its last commit, and go on committing.
        WaitUntil(() => members[1].Count("restored from its checkpoint") + members[2].Count("restored from its checkpoint") > restoredBefore,
            SessionTimeout + TimeSpan.FromSeconds(20), () => members[1].Output + "\n---\n" + members[2].Output);
        var flushedBefore = members[1].Count("flushed:") + members[2].Count("flushed:");
        WaitUntil(() => members[1].Count("flushed:") + members[2].Count("flushed:") >= flushedBefore + 2, RunningCli.Patience, () => members[1].Output);
        paused.Resume();
        // Back, it finds its partitions gone: its commit refused, or its session reported lost before it tried one.
        paused.WaitForLine(l => l.Contains("its commit was refused", StringComparison.Ordinal) || l.Contains("lost (this member's session ended)", StringComparison.Ordinal));

        await producing;
        members.AddFinisher();
        members.AssertEachFinished();
        var expected = data.Reference();
        ResultsAssert.Equal(expected, pipeline.Export());
        var seen = await watch.StopAsync();
        Assert.True(seen.Decreases.Count == 0, "the summary's events count stepped back: " + string.Join("; ", seen.Decreases));
        Assert.Equal((expected.Summary.Events, expected.Summary.Events), seen.Last);
    }

    [Fact]
    public async Task Members_stopped_with_SIGTERM_at_random_moments_exit_0_within_30_s_and_the_job_still_ends_right()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"random moments from seed {seed}");
        var random = new Random(seed);
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = await StartAsync(pipeline, events: 120_000, seed: 13);
        var producing = pipeline.ProduceLiveAsync(data.Lines, perSecond: 3_000);

        using var members = new Members(pipeline, 3);
        var stopped = new List<RunningCli>();
        var stops = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            // Half the rounds stop a member right after a new one started: the group is rebalancing.
            var midRebalance = round % 2 == 1;
            Thread.Sleep(TimeSpan.FromMilliseconds(random.Next(500, 4_000)));
            var running = members.Running.ToList();
            var victim = running[random.Next(running.Count)];
            if (midRebalance)
            {
                members.Add().WaitForLine("topology:", StartUp);
                Thread.Sleep(TimeSpan.FromMilliseconds(random.Next(0, 1_500)));
            }
            var took = victim.Terminate(TimeSpan.FromSeconds(30));
            Assert.True(victim.ExitCode == 0, $"exit code {victim.ExitCode}:\n{victim.Output}");
            stops.Add($"{(midRebalance ? "mid-rebalance" : "running")}: {took.TotalSeconds:F1} s");
            stopped.Add(victim);
            if (!midRebalance)
                members.Add();
        }
        output.WriteLine("stops: " + string.Join(", ", stops));

        await producing;
        members.AddFinisher();
        members.AssertEachFinished(except: [.. stopped]);
        ResultsAssert.Equal(data.Reference(), pipeline.Export());
    }

    /// <summary>What a member says when it ends because the group finished the job.</summary>
    internal const string Done = "has taken every partition to its end and written everything: done";

    /// <summary>How long a member takes from being started to asking for its partitions.</summary>
    private static readonly TimeSpan StartUp = TimeSpan.FromSeconds(10);

    private sealed record Data(IReadOnlyList<string> Lines, string Customers, string Tracks)
    {
        public Core.Results.AnalyticsResults Reference() => StackPipeline.Reference(Lines, Customers, Tracks);
    }

    /// <summary>Held-out-shaped plays: random time order, bad lines, unknown ids.</summary>
    private static async Task<Data> StartAsync(StackPipeline pipeline, int events, int seed)
    {
        var directory = pipeline.Folder.File("data");
        var generated = CliProcess.Run(pipeline.Folder.Path, "generate", "--out", directory, "--held-out", "--events", events.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--customers", "800", "--tracks", "300", "--days", "2", "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(generated.ExitCode == 0, generated.Error);
        var data = new Data(File.ReadAllLines(Path.Combine(directory, "tracks.csv")), Path.Combine(directory, "cust.csv"), Path.Combine(directory, "music.csv"));
        await pipeline.StartAsync(data.Customers, data.Tracks, Partitions);
        return data;
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan limit, Func<string> explain)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"not within {limit.TotalSeconds:0} s; the output was:\n{explain()}");
            Thread.Sleep(50);
        }
    }

    /// <summary>The group's members, started with <c>--until-idle --no-plays</c>.</summary>
    private sealed class Members : IDisposable
    {
        private readonly StackPipeline _pipeline;
        private readonly List<RunningCli> _all = [];

        public Members(StackPipeline pipeline, int count)
        {
            _pipeline = pipeline;
            for (var i = 0; i < count; i++)
                Add();
        }

        public RunningCli this[int index] => _all[index];

        public IEnumerable<RunningCli> Running => _all.Where(m => !m.HasExited);

        public RunningCli Add()
        {
            var member = _pipeline.Member("--no-plays");
            _all.Add(member);
            return member;
        }

        /// <summary>
        /// A member started once every line is in the topic. The members run with --until-idle
        /// while lines are still being produced live: a pause of the producing test longer than a
        /// member's quiet time (a loaded machine, a collection in the test process) lets the group
        /// find the topic read to its end and end the job early, rightly. One more member after the
        /// last line takes up whatever came after such an end, so the results must be whole either
        /// way, and it says the group finished only once it has.
        /// </summary>
        public void AddFinisher() => Add();

        public void WaitUntilEachFlushed()
        {
            foreach (var member in _all)
                member.WaitForLine("flushed:");
        }

        /// <summary>Every member not stopped on purpose ends by itself, exit code 0, saying the group finished.</summary>
        public void AssertEachFinished(params RunningCli[] except)
        {
            foreach (var member in _all.Except(except))
            {
                var code = member.WaitForExit(TimeSpan.FromMinutes(3));
                Assert.True(code == 0, $"exit code {code}:\n{member.Output}");
                Assert.Contains(member.Lines, l => l.Contains(Done, StringComparison.Ordinal));
            }
        }

        public void Dispose()
        {
            foreach (var member in _all)
                member.Dispose();
        }
    }

    /// <summary>Reads the summary's events count from Redis and Elasticsearch every 100 ms and notes every step back.</summary>
    private sealed class SummaryWatch : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly ConcurrentQueue<string> _decreases = new();
        private readonly StackExchange.Redis.ConnectionMultiplexer _redis;
        private readonly HttpClient _http = new();
        private Task<(long, long)> _watching = Task.FromResult((0L, 0L));

        private SummaryWatch(StackExchange.Redis.ConnectionMultiplexer redis) => _redis = redis;

        public static async Task<SummaryWatch> StartAsync(StackPipeline pipeline)
        {
            var watch = new SummaryWatch(await pipeline.ConnectRedisAsync());
            watch._watching = Task.Run(() => watch.WatchAsync(pipeline));
            return watch;
        }

        private async Task<(long, long)> WatchAsync(StackPipeline pipeline)
        {
            (long Redis, long Elasticsearch) last = (0, 0);
            while (!_stop.IsCancellationRequested)
            {
                var now = await pipeline.SummaryEventsAsync(_redis, _http);
                if (now.Redis < last.Redis)
                    _decreases.Enqueue($"redis {last.Redis} then {now.Redis}");
                if (now.Elasticsearch < last.Elasticsearch)
                    _decreases.Enqueue($"elasticsearch {last.Elasticsearch} then {now.Elasticsearch}");
                last = now;
                await Task.Delay(100);
            }
            return await pipeline.SummaryEventsAsync(_redis, _http);
        }

        public async Task<(IReadOnlyCollection<string> Decreases, (long, long) Last)> StopAsync()
        {
            await _stop.CancelAsync();
            var last = await _watching;
            return (_decreases, last);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _http.Dispose();
            _redis.Dispose();
            _stop.Dispose();
        }
    }
}
