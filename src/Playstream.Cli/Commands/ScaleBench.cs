using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Playstream.Cli.Settings;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Producing;
using Playstream.Redis;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// <c>playstream bench scale</c>: <c>process --until-idle --no-plays</c> as 1, 2 and 3 child
/// processes in one group on the same 3-partition topic; 3 instances with frequent and rare
/// flushes (every flush checkpoints every partition's whole state); and the time from an
/// instance's kill -9 to its partitions being read again by the survivor. Each instance serves
/// its metrics, which is how the bench sees records being read and partitions changing hands.
/// </summary>
internal static class ScaleBench
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static int Run(long plays, PlaystreamSettings settings)
    {
        var files = BenchData.Ensure(plays);
        var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var kafka = ConnectionOptions.Kafka(settings);
        var topic = $"playstream-scale-{id}";
        var redisPrefix = $"scale{id}:";
        using var folder = new BenchFolder();
        // The children read the same settings (secrets included) from a file only this user can read.
        var settingsFile = Path.Combine(folder.Path, "settings.json");
        File.WriteAllText(settingsFile, JsonSerializer.Serialize(settings));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(settingsFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        using (var admin = new TopicAdmin(kafka))
            admin.CreateAsync(topic, 3, 1).GetAwaiter().GetResult();
        var produce = Stopwatch.StartNew();
        using (var producer = new KafkaLineProducer(kafka, topic))
        using (var reader = LineReader.Open(files.Events))
        {
            while (reader.TryReadLine(out var line, out _, out _))
                producer.Produce(line);
            producer.Flush(TimeSpan.FromMinutes(5));
        }
        produce.Stop();
        var redis = ConnectionOptions.Redis(settings) with { KeyPrefix = redisPrefix };
        using (var connection = RedisConnection.ConnectAsync(redis).GetAwaiter().GetResult())
        {
            var loader = new RedisLookupLoader(connection, redis.Keys);
            loader.LoadCustomersAsync(CustomerReader.Read(files.Customers).Table).GetAwaiter().GetResult();
            loader.LoadTracksAsync(TrackReader.Read(files.Tracks).Table).GetAwaiter().GetResult();
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"process instances on one 3-partition topic, {plays:N0} plays, {Environment.ProcessorCount} cores, results only (--no-plays)");
        table.AddColumns("run", "all read (s)", "plays/s", "all exited (s)");
        table.AddRow("produce (acks=all)", F(produce.Elapsed.TotalSeconds), Rate(plays, produce.Elapsed.TotalSeconds), "");
        var child = new Child(settingsFile, topic, redisPrefix, $"scale-{id}", folder.Path);
        foreach (var instances in new[] { 1, 2, 3 })
        {
            var run = child.Group(plays, instances, $"g{instances}-{id}", "10s");
            table.AddRow($"{instances} instance(s), flush every 10s", F(run.Read), Rate(plays, run.Read), F(run.Exited));
        }
        foreach (var flush in new[] { "1s", "30s" })
        {
            var run = child.Group(plays, 3, $"f{flush}-{id}", flush);
            table.AddRow($"3 instances, flush (and checkpoint) every {flush}", F(run.Read), Rate(plays, run.Read), F(run.Exited));
        }
        AnsiConsole.Write(table);

        var takeover = child.Takeover(plays, $"t-{id}");
        AnsiConsole.MarkupLine(Markup.Escape($"failover: instance killed (kill -9) holding partition(s) {string.Join(',', takeover.Partitions)}; " +
            $"the survivor held them {F(takeover.Assigned)} s later and read from them {F(takeover.Reading)} s later " +
            $"(session timeout {kafka.SessionTimeoutMs / 1000.0:0.#} s; fetches kept to 8 KiB so the run lasts)"));
        AnsiConsole.MarkupLine($"[grey]topic {topic}, redis prefix {redisPrefix}, index prefixes scale-{id}-* are left for inspection[/]");
        return 0;
    }

    private sealed record GroupRun(double Read, double Exited);

    private sealed record TakeoverRun(IReadOnlyList<int> Partitions, double Assigned, double Reading);

    /// <summary>How the bench starts <c>process</c> children and watches them through their metrics.</summary>
    private sealed class Child(string settingsFile, string topic, string redisPrefix, string indexPrefix, string folder)
    {

        public GroupRun Group(long plays, int instances, string group, string flush)
        {
            var watch = Stopwatch.StartNew();
            var children = Enumerable.Range(0, instances).Select(_ => Start(group, flush, untilIdle: true)).ToList();
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                double? read = null;
                while (children.Any(c => !c.Process.HasExited))
                {
                    if (watch.Elapsed > TimeSpan.FromMinutes(10))
                        throw new InvalidOperationException($"{instances} instance(s) did not finish within 10 minutes: {string.Join(" | ", children.Select(c => c.LastError))}");
                    if (read is null && children.Sum(c => c.Scrape(http, "playstream_records_total") ?? 0) >= plays)
                        read = watch.Elapsed.TotalSeconds;
                    Thread.Sleep(Poll);
                }
                foreach (var c in children.Where(c => c.Process.ExitCode != 0))
                    throw new InvalidOperationException($"a process instance failed (exit {c.Process.ExitCode}): {c.LastError}");
                return new GroupRun(read ?? watch.Elapsed.TotalSeconds, watch.Elapsed.TotalSeconds);
            }
            finally
            {
                foreach (var c in children)
                    c.Dispose();
            }
        }

        /// <summary>Two instances, throttled; the one holding two partitions is killed once both read; the survivor's metrics tell when it took them over.</summary>
        public TakeoverRun Takeover(long plays, string group)
        {
            // Small fetches, so that records are left to read when one is killed (at 32 KiB a quiet machine read them all first).
            var throttle = new[] { "--kafka-property", "fetch.message.max.bytes=8192" };
            using var first = Start(group, "1s", untilIdle: false, throttle);
            using var second = Start(group, "1s", untilIdle: false, throttle);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (!(first.Scrape(http, "playstream_partitions_assigned") is > 0 && second.Scrape(http, "playstream_partitions_assigned") is > 0
                     && first.Partitions(http).Count + second.Partitions(http).Count == 3))
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(2) || first.Process.HasExited || second.Process.HasExited)
                    throw new InvalidOperationException($"the two instances never both read: {first.LastError} {second.LastError}");
                Thread.Sleep(Poll);
            }
            var (doomed, survivor) = first.Scrape(http, "playstream_partitions_assigned") >= 2 ? (first, second) : (second, first);
            var partitions = doomed.Partitions(http);
            doomed.Process.Kill(entireProcessTree: true);
            var killed = Stopwatch.StartNew();
            double? assigned = null;
            Dictionary<int, double>? restored = null;
            while (killed.Elapsed < TimeSpan.FromMinutes(2))
            {
                if (assigned is null && survivor.Scrape(http, "playstream_partitions_assigned") == 3)
                    assigned = killed.Elapsed.TotalSeconds;
                // Where the survivor resumed each taken partition (its checkpoint), then the first record past it.
                if (assigned is not null && restored is null && partitions.All(p => survivor.Position(http, p) is not null))
                    restored = partitions.ToDictionary(p => p, p => survivor.Position(http, p)!.Value);
                if (restored is not null && partitions.Any(p => survivor.Position(http, p) > restored[p]))
                    return new TakeoverRun(partitions, assigned!.Value, killed.Elapsed.TotalSeconds);
                Thread.Sleep(Poll);
            }
            throw new InvalidOperationException($"the survivor never took the partitions over: {survivor.LastError}");
        }

        /// <summary>A port the system says is free now (a fixed range collided with outgoing connections' ports).</summary>
        private static int FreePort()
        {
            var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        private Instance Start(string group, string flush, bool untilIdle, params string[] extra)
        {
            var port = FreePort();
            List<string> arguments = ["process", "--topic", topic, "--group", group, "--no-plays", "--flush-interval", flush,
                "--settings", settingsFile, "--redis-prefix", redisPrefix, "--index-prefix", indexPrefix,
                "--metrics-port", port.ToString(CultureInfo.InvariantCulture), .. extra];
            if (untilIdle)
                arguments.Add("--until-idle");
            return new Instance(Self(arguments, folder), port);
        }
    }

    /// <summary>One child <c>process</c> and its metrics endpoint.</summary>
    private sealed class Instance : IDisposable
    {
        private readonly Uri _metrics;
        private readonly Queue<string> _errors = new();

        public Instance(Process process, int port)
        {
            Process = process;
            _metrics = new Uri($"http://127.0.0.1:{port}/metrics");
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_errors)
                {
                    _errors.Enqueue(e.Data);
                    if (_errors.Count > 5) _errors.Dequeue();
                }
            };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        public Process Process { get; }

        public string LastError
        {
            get { lock (_errors) return string.Join(" | ", _errors); }
        }

        /// <summary>A metric's value (the first sample whose line starts with the name and labels given), or null when not served (yet).</summary>
        public double? Scrape(HttpClient http, string sample)
        {
            try
            {
                var text = http.GetStringAsync(_metrics).GetAwaiter().GetResult();
                foreach (var line in text.Split('\n'))
                    if (line.StartsWith(sample, StringComparison.Ordinal) && line.Length > sample.Length
                        && (sample.EndsWith('"') || line[sample.Length] is '{' or ' '))
                        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or gone.
            }
            return null;
        }

        public double? Position(HttpClient http, int partition) =>
            Scrape(http, $"playstream_partition_position{{partition=\"{partition}\"");

        public IReadOnlyList<int> Partitions(HttpClient http) =>
            Enumerable.Range(0, 3).Where(p => Position(http, p) is not null).ToList();

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
            Process.Dispose();
        }
    }

    /// <summary>This very command, started again with other arguments (as an app host or through <c>dotnet</c>).</summary>
    private static Process Self(IEnumerable<string> arguments, string workingDirectory)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            start.ArgumentList.Add(typeof(ScaleBench).Assembly.Location);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["NO_COLOR"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {host}");
    }

    private sealed class BenchFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("playstream-scale-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
    private static string Rate(long plays, double seconds) => $"{plays / seconds / 1e3:N0} k";
}
