using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Playstream.Core.Generation;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;
using Playstream.Processor;
using Playstream.Redis;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>
/// <c>playstream bench scale</c>: <c>process --until-idle --no-plays</c> as 1, 2 and 3 child
/// processes of one group on the same held-out-shaped plays (random time order, bad lines,
/// unknown ids) in 6 partitions, not keyed by customer, so every play not in its customer's
/// partition takes the repartition hop. Per run: plays/s, CPU seconds per million plays over all
/// instances (flat when work is shared, not repeated), commit bytes per flush, commit duration;
/// then one instance flushing every 30 s against every 1 s, the restore of a finished job's
/// partitions, a bare consumer reading the same topic, and how long a play takes from being
/// appended to being visible in Redis and Elasticsearch.
/// </summary>
public static class ScaleBench
{
    private const int Partitions = 6;

    public static int Run(long plays, PlaystreamSettings settings, bool keep = false)
    {
        var files = BenchData.Ensure(new GeneratorOptions { Events = plays, Days = 75 }.AsHeldOut());
        var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var kafka = ConnectorOptions.Kafka(settings);
        var topic = $"playstream-scale-{id}";
        // Every name the run makes on the servers holds its id: the clean-up finds them by these.
        var names = new RunNames(id);
        using var folder = new BenchFolder();
        // The children read the same settings (secrets included) from a file only this user can read.
        var settingsFile = Path.Combine(folder.Path, "settings.json");
        File.WriteAllText(settingsFile, JsonSerializer.Serialize(settings));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(settingsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using (var admin = new TopicAdmin(kafka))
            admin.CreateAsync(topic, Partitions, 1).GetAwaiter().GetResult();
        try
        {
            Measure(files, kafka, topic, names, settings, settingsFile, folder.Path);
        }
        finally
        {
            // Also after a failed run: a 2M-play run leaves several GB of topic logs behind.
            AnsiConsole.MarkupLine(keep
                ? $"[grey]topics named with {id}, redis prefixes {names.Redis} and {names.LiveRedis}, index prefix {names.Index}- are left for inspection (--keep)[/]"
                : $"[grey]{Markup.Escape(BenchLeftovers.Remove(settings, id, [names.Index + "-"], [names.Redis, names.LiveRedis]))}[/]");
        }
        return 0;
    }

    private static void Measure(BenchData.Files files, KafkaOptions kafka, string topic, RunNames names, PlaystreamSettings settings, string settingsFile, string folder)
    {
        var produce = Stopwatch.StartNew();
        long lines = 0;
        using (var producer = new KafkaLineProducer(kafka, topic, keyed: false))
        using (var reader = LineReader.Open(files.Events))
        {
            while (reader.TryReadLine(out var line, out _, out _))
            {
                producer.Produce(line);
                lines++;
            }
            producer.Flush(TimeSpan.FromMinutes(5));
        }
        produce.Stop();
        var redis = ConnectorOptions.Redis(settings) with { KeyPrefix = names.Redis };
        using (var connection = RedisConnection.ConnectAsync(redis).GetAwaiter().GetResult())
        {
            var loader = new RedisLookupLoader(connection, redis.Keys);
            loader.LoadCustomersAsync(CustomerReader.Read(files.Customers).Table).GetAwaiter().GetResult();
            loader.LoadTracksAsync(TrackReader.Read(files.Tracks).Table).GetAwaiter().GetResult();
        }
        var children = new Children(settingsFile, names.Redis, names.Index, folder);

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"process on {lines:N0} held-out-shaped lines in {Partitions} partitions, not keyed by customer; {Environment.ProcessorCount} cores; results only (--no-plays)");
        table.AddColumns("run", "wall (s)", "plays/s", "CPU s per M plays (all instances)", "of which first to last record", "commit bytes per flush", "commit ms p50 / p99", "steady plays/s");
        table.AddRow("produce (acks=all)", F(produce.Elapsed.TotalSeconds), Rate(lines, produce.Elapsed.TotalSeconds), "", "", "", "", "");
        var bare = BareConsumer.Read(kafka, topic, lines);
        table.AddRow("bare consumer (same topic, same client settings)", F(bare.TotalSeconds), Rate(lines, bare.TotalSeconds), "", "", "", "", Rate(lines, bare.Steady.TotalSeconds));
        GroupRun? single = null;
        string? singleGroup = null;
        foreach (var instances in new[] { 1, 2, 3 })
        {
            var group = $"g{instances}-{names.Id}";
            var run = children.Group(topic, group, instances, "1s");
            Row(table, $"{instances} instance(s), flush every 1s", run, lines);
            if (instances == 1)
            {
                single = run;
                singleGroup = group;
            }
        }
        var rare = children.Group(topic, $"r-{names.Id}", 1, "30s");
        Row(table, "1 instance, flush every 30s", rare, lines);
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(Markup.Escape(
            $"throughput at 1 s flushes against 30 s: {single!.PlaysPerSecond(lines) / rare.PlaysPerSecond(lines):P0}; " +
            $"steady rate of one instance against the bare consumer: {single.SteadyPlaysPerSecond(lines) / (lines / bare.Steady.TotalSeconds):P0}"));

        // A member joining a finished job claims and restores every partition, then sees the group done.
        var restore = children.Group(topic, singleGroup!, 1, "1s");
        var restores = restore.Reports.SelectMany(r => r.RestoreMs).Order().ToList();
        AnsiConsole.MarkupLine(Markup.Escape(
            $"restore of a finished job's partitions ({lines:N0} plays, {Partitions} partitions): per partition p50 {F(ProcessorReport.Percentile(restores, 0.5) / 1000)} s, max {F(restores.DefaultIfEmpty(0).Max() / 1000)} s"));

        var latency = LatencyProbe.Measure(kafka, settings, settingsFile, names.LiveRedis, names.Index + "-live", folder, Partitions, samples: 20);
        AnsiConsole.MarkupLine(Markup.Escape(latency.ToString()));
    }

    private static void Row(Table table, string name, GroupRun run, long lines)
        => table.AddRow(name, F(run.Wall.TotalSeconds), Rate(lines, run.Wall.TotalSeconds),
            F(run.Reports.Sum(r => r.CpuSeconds) / (lines / 1e6)),
            F(run.Reports.Sum(r => r.SteadyCpuSeconds) / (lines / 1e6)),
            run.Reports.Sum(r => r.Flushes) is var flushes and > 0 ? $"{run.Reports.Sum(r => r.CommitBytes) / flushes:N0}" : "",
            $"{run.Reports.Max(r => r.CommitMsP50):F0} / {run.Reports.Max(r => r.CommitMsP99):F0}",
            Rate(lines, run.Reports.Max(r => r.SteadySeconds)));

    internal sealed record GroupRun(TimeSpan Wall, IReadOnlyList<ProcessorReport> Reports)
    {
        public double PlaysPerSecond(long lines) => lines / Wall.TotalSeconds;
        /// <summary>Plays per second from the first record taken to the last (start-up, joining the group and the wait at the end left out).</summary>
        public double SteadyPlaysPerSecond(long lines) => lines / Math.Max(0.001, Reports.Max(r => r.SteadySeconds));
    }

    /// <summary>How the bench starts <c>process</c> children and reads their reports.</summary>
    /// <summary>The Redis key prefixes of the measured runs and of the latency probe, and the index prefix of both, from the run's id.</summary>
    private sealed record RunNames(string Id)
    {
        public string Redis => $"scale{Id}:";
        public string LiveRedis => $"scale{Id}live:";
        public string Index => $"scale-{Id}";
    }

    private sealed class Children(string settingsFile, string redisPrefix, string indexPrefix, string folder)
    {
        public GroupRun Group(string topic, string group, int instances, string flush)
        {
            var watch = Stopwatch.StartNew();
            var reports = Enumerable.Range(0, instances).Select(i => Path.Combine(folder, $"{group}-{i}.json")).ToList();
            var running = reports.Select(report => WholeProcess.Start(folder,
                ["process", "--topic", topic, "--group", group, "--no-plays", "--until-idle", "--flush-interval", flush,
                    "--settings", settingsFile, "--redis-prefix", redisPrefix, "--index-prefix", indexPrefix, "--report", report])).ToList();
            try
            {
                foreach (var child in running)
                    child.WaitForExit(TimeSpan.FromMinutes(15));
                return new GroupRun(watch.Elapsed, [.. reports.Select(ProcessorReport.ReadFrom)]);
            }
            finally
            {
                foreach (var child in running)
                    child.Dispose();
            }
        }
    }

    private sealed class BenchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("playstream-scale-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    internal static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
    internal static string Rate(long plays, double seconds) => $"{plays / seconds / 1e3:N0} k";
}
