using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;
using Playstream.Core.Events;
using Playstream.Core.Files;
using Playstream.Core.Sources;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;
using Playstream.Shipping.Files;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>
/// <c>playstream bench ship</c>: ships a generated log to a fresh topic with <c>--exit-at-eof</c>
/// (acks=all) and, against the same broker in the same run, times <c>kcat -P -l</c> on the same
/// file, also with acks=all, then <c>kcat -P -l -K</c> sending the same lines under the keys the
/// shipper gives them (what the keys cost the client and the broker, apart from the shipper).
/// All are whole processes, start-up included; each topic is counted afterwards to show every
/// line arrived.
/// </summary>
public static class ShipBench
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(30);
    private const string Ship = "playstream ship";
    private const string Kcat = "kcat -P -l";
    private const string KeyedKcat = "kcat -P -l -K (same keys)";

    public static int Run(long lines, int partitions, int runs, KafkaOptions kafka)
    {
        var log = BenchData.Ensure(lines).Events;
        var mib = new FileInfo(log).Length / (1024.0 * 1024.0);
        using (var file = File.OpenRead(log))
            file.CopyTo(Stream.Null); // warm the page cache so neither tool pays for the disk
        var kcat = FindKcat();
        var keyed = kcat is null ? null : KeyedLog(log);

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"shipping {lines:N0} lines ({mib:F0} MiB) to {kafka.BootstrapServers}, {partitions} partitions, acks=all, {Environment.ProcessorCount} cores");
        table.AddColumns("run", "tool", "seconds", "lines/s", "MiB/s", "rate vs kcat -P -l", "records in topic");
        using var admin = new TopicAdmin(kafka) { Timeout = AdminTimeout };
        var best = new Dictionary<string, double>();
        for (var run = 1; run <= runs; run++)
        {
            var shipTopic = CreateTopic(admin, "ship", partitions);
            var positions = Path.Combine(Path.GetTempPath(), $"playstream-bench-positions-{Guid.NewGuid():N}");
            var shipSeconds = WholeProcess.Playstream(["ship", log, "--topic", shipTopic,
                "--exit-at-eof", "--acks", "all", "--positions", positions, "--bootstrap", kafka.BootstrapServers, .. PropertyArguments(kafka, "--kafka-property")]).Seconds;
            var shipRecords = CountRecords(kafka, shipTopic, partitions);
            Directory.Delete(positions, recursive: true);
            admin.DeleteAsync(shipTopic).GetAwaiter().GetResult();

            if (kcat is null)
            {
                AddRow(table, best, run, Ship, lines, mib, shipSeconds, null, shipRecords);
                continue;
            }
            var kcatTopic = CreateTopic(admin, "kcat", partitions);
            var kcatSeconds = WholeProcess.Run(kcat, ["-P", "-l", "-b", kafka.BootstrapServers, "-t", kcatTopic, "-X", "acks=all",
                .. PropertyArguments(kafka, "-X"), log]).Seconds;
            var kcatRecords = CountRecords(kafka, kcatTopic, partitions);
            admin.DeleteAsync(kcatTopic).GetAwaiter().GetResult();

            var keyedTopic = CreateTopic(admin, "kcatk", partitions);
            var keyedSeconds = WholeProcess.Run(kcat, ["-P", "-l", "-K", "\t", "-b", kafka.BootstrapServers, "-t", keyedTopic, "-X", "acks=all",
                "-X", "partitioner=murmur2_random", .. PropertyArguments(kafka, "-X"), keyed!]).Seconds;
            var keyedRecords = CountRecords(kafka, keyedTopic, partitions);
            admin.DeleteAsync(keyedTopic).GetAwaiter().GetResult();

            // Each rate beside the baseline of its own run.
            AddRow(table, best, run, Ship, lines, mib, shipSeconds, kcatSeconds, shipRecords);
            AddRow(table, best, run, Kcat, lines, mib, kcatSeconds, kcatSeconds, kcatRecords);
            AddRow(table, best, run, KeyedKcat, lines, mib, keyedSeconds, kcatSeconds, keyedRecords);
        }
        AnsiConsole.Write(table);
        if (best.TryGetValue(Kcat, out var kcatBest))
        {
            var ship = best[Ship];
            AnsiConsole.MarkupLine($"best of {runs}: playstream ship {ship:N0} lines/s; kcat -P -l {kcatBest:N0} lines/s: the shipper at [bold]{ship / kcatBest:P0}[/] of kcat's rate");
            AnsiConsole.MarkupLine($"kcat sending the same lines under the shipper's keys: {best[KeyedKcat]:N0} lines/s ({best[KeyedKcat] / kcatBest:P0} of keyless kcat); the shipper at {ship / best[KeyedKcat]:P0} of it");
        }
        else
            AnsiConsole.MarkupLine("kcat was not found (Debian package [bold]kcat[/]): only the shipper was measured");
        return 0;
    }

    private static void AddRow(Table table, Dictionary<string, double> best, int run, string tool, long lines, double mib, double seconds, double? kcatSeconds, long records)
    {
        var rate = lines / seconds;
        best[tool] = Math.Max(best.GetValueOrDefault(tool), rate);
        table.AddRow(run.ToString(CultureInfo.InvariantCulture), tool, seconds.ToString("F2", CultureInfo.InvariantCulture),
            rate.ToString("N0", CultureInfo.InvariantCulture), (mib / seconds).ToString("F1", CultureInfo.InvariantCulture),
            kcatSeconds is { } baseline ? (baseline / seconds).ToString("P0", CultureInfo.InvariantCulture) : "",
            records == lines ? $"{records:N0}" : $"[red]{records:N0}[/]");
    }

    /// <summary>
    /// The log as <c>KEY\tLINE</c> lines for <c>kcat -K</c>, each under the key the shipper sends
    /// (<see cref="ShippedLineKey"/>, the source id of this very file), made once beside the log.
    /// </summary>
    private static string KeyedLog(string log)
    {
        // Named after the key's form: a file keyed as earlier versions keyed lines is not reused.
        var keyed = log + ".keyed-base64";
        if (File.Exists(keyed) && File.GetLastWriteTimeUtc(keyed) >= File.GetLastWriteTimeUtc(log))
            return keyed;
        ulong source;
        using (var handle = File.OpenHandle(log))
            source = SourceId.Of(handle, FileStatus.Of(handle).Identity, generation: 0);
        var sourcePart = ShippedLineKey.SourcePart(source);
        using var output = new BufferedStream(File.Create(keyed + ".tmp"), 1 << 20);
        using var reader = LineReader.Open(log);
        Span<byte> key = stackalloc byte[ShippedLineKey.MaxLength];
        Span<byte> customer = stackalloc byte[11];
        while (reader.TryReadLine(out var line, out _, out var offset))
        {
            var digits = 0;
            if (EventParser.TryReadCustomerId(line, out var id))
                Utf8Formatter.TryFormat(id, customer, out digits);
            output.Write(key[..ShippedLineKey.Write(key, customer[..digits], sourcePart, offset)]);
            output.WriteByte((byte)'\t');
            output.Write(line);
            output.WriteByte((byte)'\n');
        }
        output.Flush();
        output.Dispose();
        File.Move(keyed + ".tmp", keyed, overwrite: true);
        return keyed;
    }

    private static string CreateTopic(TopicAdmin admin, string tool, int partitions)
    {
        var topic = $"playstream-bench-{tool}-{Guid.NewGuid():N}";
        admin.CreateAsync(topic, partitions, 1).GetAwaiter().GetResult();
        return topic;
    }

    private static IEnumerable<string> PropertyArguments(KafkaOptions kafka, string flag) =>
        kafka.ExtraProperties.SelectMany(p => new[] { flag, $"{p.Key}={p.Value}" });

    private static string? FindKcat() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "kcat"))
            .FirstOrDefault(File.Exists);

    /// <summary>Records in a topic: the sum of its partitions' high watermarks (each topic is fresh).</summary>
    private static long CountRecords(KafkaOptions kafka, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(kafka.ToConsumerConfig("playstream-bench-count")).SetLogHandler((_, _) => { }).Build();
        long total = 0;
        for (var partition = 0; partition < partitions; partition++)
            total += consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), TimeSpan.FromSeconds(10)).High.Value;
        return total;
    }
}
