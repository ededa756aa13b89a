using System.Diagnostics;
using System.Globalization;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Generation;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;
using Spectre.Console;

namespace Playstream.Cli.Commands;

/// <summary>
/// The embedded benchmark: <c>run</c> as a whole process on generated plays (results only,
/// then with plays stored), and the hot path's allocations per play measured in-process.
/// </summary>
internal static class EmbeddedBench
{
    public static int Run(long plays)
    {
        var (events, customers, tracks) = BenchData.Ensure(plays);
        var work = Path.Combine(PlaystreamHome.Directory, "bench-work");
        Directory.CreateDirectory(work);
        var mib = new FileInfo(events).Length / (1024.0 * 1024.0);

        var table = new Table().Border(TableBorder.Rounded).Title($"embedded pipeline, {plays:N0} plays ({mib:F0} MiB), {Environment.ProcessorCount} cores");
        table.AddColumns("measure", "seconds", "plays/s", "MiB/s");
        // Warm the page cache so the first timed run does not pay for the disk.
        using (var f = File.OpenRead(events)) f.CopyTo(Stream.Null);

        var common = $"run --events \"{events}\" --customers \"{customers}\" --tracks \"{tracks}\" --store \"{Path.Combine(work, "bench.db")}\" --export \"{Path.Combine(work, "export")}\"";
        var noPlays = TimeProcess(common + " --no-plays");
        table.AddRow("run --export --no-plays (whole process)", F(noPlays), Rate(plays, noPlays), F(mib / noPlays));
        var withPlays = TimeProcess(common);
        table.AddRow("run --export, plays stored (whole process)", F(withPlays), Rate(plays, withPlays), F(mib / withPlays));
        table.AddRow("cost of storing plays", $"+{F(withPlays - noPlays)}", $"{(withPlays / noPlays - 1) * 100:F0}% more time", "");

        var (allocated, collections, measured) = HotPathAllocations(events, customers, tracks);
        table.AddRow("hot path: parse + enrich + operators, 1 thread", "", $"{measured:N0} plays", "");
        table.AddRow("hot path allocations", "", $"{(double)allocated / measured:F4} bytes/play", $"{allocated:N0} bytes in all");
        // Bytes alone mix per-play garbage with the amortised growth of big state arrays; no gen0
        // collection during the pass means no play left garbage behind.
        table.AddRow("hot path gen0 collections", "", $"{collections:N0}", "0 = no per-play garbage");
        AnsiConsole.Write(table);
        return 0;
    }

    private static double TimeProcess(string arguments)
    {
        var cli = typeof(EmbeddedBench).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", $"\"{cli}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the run");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        watch.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"the benchmarked run failed ({process.ExitCode}): {errors.Result}{output.Result}");
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Reads the whole file twice on one thread: the first pass grows every table to its
    /// final size, the second is measured, so what remains is what each play costs, and the
    /// gen0 collections it caused.
    /// </summary>
    private static (long Allocated, int Gen0Collections, long Plays) HotPathAllocations(string events, string customersFile, string tracksFile)
    {
        var lookups = new LookupTables(CustomerReader.Read(customersFile).Table, TrackReader.Read(tracksFile).Table);
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        Pass(events, lookups, analytics, limit: 2_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var collections = GC.CollectionCount(0);
        var plays = Pass(events, lookups, analytics, limit: 2_000_000);
        return (GC.GetAllocatedBytesForCurrentThread() - before, GC.CollectionCount(0) - collections, plays);
    }

    private static long Pass(string events, LookupTables lookups, PartitionAnalytics analytics, long limit)
    {
        using var reader = LineReader.Open(events);
        long plays = 0;
        var customers = lookups.Customers;
        var tracks = lookups.Tracks;
        while (plays < limit && reader.TryReadLine(out var line, out _, out _))
        {
            if (EventParser.TryParse(line, out var play, out _, out _))
            {
                analytics.Add(play, customers.GenderSlot(play.CustomerId), customers.Contains(play.CustomerId), tracks.Contains(play.TrackId));
                plays++;
            }
        }
        return plays;
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
    private static string Rate(long plays, double seconds) => $"{plays / seconds / 1e6:F2} M";
}
