using System.Globalization;
using System.Text.RegularExpressions;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Generation;
using Playstream.Core.Lookups;
using Playstream.Core.Sources;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>
/// The embedded benchmark: <c>run</c> as a whole process (results only, then with plays stored)
/// with the read and results phases it reports, beside the DuckDB SQL baseline computing the
/// same export in the same shape of process, measured in the same call; and the hot path's
/// allocations measured in-process. Any event file, or generated data in time order or shuffled.
/// </summary>
public static partial class EmbeddedBench
{
    public sealed record Input(string Events, string? Customers, string? Tracks, string Description)
    {
        /// <summary>Generated plays, made once per size (<paramref name="shuffle"/>: the held-out shape, else time order).</summary>
        public static Input Generated(long plays, int days, bool shuffle)
        {
            var options = new GeneratorOptions { Events = plays, Days = days };
            if (shuffle)
                options = options.AsHeldOut();
            var files = BenchData.Ensure(options);
            return new Input(files.Events, files.Customers, files.Tracks,
                shuffle ? $"generated, held-out shape over {days} days" : $"generated, in time order over {days} days");
        }
    }

    public static int Run(Input input, int runs, bool baseline)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var work = Path.Combine(PlaystreamHome.Directory, "bench-work");
        Directory.CreateDirectory(work);
        var mib = new FileInfo(input.Events).Length / (1024.0 * 1024.0);
        // Warm the page cache so the first timed run does not pay for the disk.
        using (var f = File.OpenRead(input.Events)) f.CopyTo(Stream.Null);

        List<string> lookups = [];
        if (input.Customers is not null) lookups.AddRange(["--customers", input.Customers]);
        if (input.Tracks is not null) lookups.AddRange(["--tracks", input.Tracks]);
        List<string> run = ["run", "--events", input.Events, .. lookups, "--store", Path.Combine(work, "bench.db"), "--export", Path.Combine(work, "export")];
        List<string> duckDb = ["bench", "duckdb", "--events", input.Events, .. lookups, "--export", Path.Combine(work, "duckdb-export")];

        // Runs alternate (run, DuckDB, run, ...) so that a machine whose speed drifts moves both.
        var noPlays = new List<RunTimes>();
        var withPlays = new List<RunTimes>();
        var duck = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            noPlays.Add(RunTimes.Of(WholeProcess.Playstream([.. run, "--no-plays"])));
            if (baseline)
                duck.Add(WholeProcess.Playstream(duckDb).Seconds);
            withPlays.Add(RunTimes.Of(WholeProcess.Playstream(run)));
        }
        var plays = noPlays[0].Events;
        var total = Median(noPlays.Select(r => r.Seconds));
        var stored = Median(withPlays.Select(r => r.Seconds));

        // Three short columns, so the table reads at 80 columns too (a bench's output is often a log).
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"embedded pipeline, {Markup.Escape(input.Description)}: {plays:N0} plays, {mib:F0} MiB, {Environment.ProcessorCount} cores, median of {runs}");
        table.AddColumns("measure (whole processes)", "seconds", "plays/s");
        table.AddRow("run --no-plays --export", F(total), Rate(plays, total));
        table.AddRow("  read phase", F(Median(noPlays.Select(r => r.Read))), Rate(plays, Median(noPlays.Select(r => r.Read))));
        table.AddRow("  results phase (store, export)", F(Median(noPlays.Select(r => r.Results))), "");
        table.AddRow("run --export, plays stored", F(stored), Rate(plays, stored));
        table.AddRow("  store phase (the plays)", $"{(stored >= total ? "+" : "")}{F(stored - total)}", $"{(stored / total - 1) * 100:F0}% more time");
        if (baseline)
        {
            var duckSeconds = Median(duck);
            table.AddRow("DuckDB SQL, same export", F(duckSeconds), Rate(plays, duckSeconds));
            table.AddRow("[bold]run against DuckDB[/]", "", $"[bold]{duckSeconds / total:F2}x as fast[/]");
        }

        var (allocated, collections, measured) = HotPathAllocations(input);
        table.AddRow("hot path, 1 reader, in-process", "", $"{measured:N0} plays");
        table.AddRow("  allocated per play", "", $"{(double)allocated / measured:F2} bytes");
        // Bytes alone mix per-block overhead with the amortised growth of big state arrays; no gen0
        // collection during the pass means no play left garbage behind.
        table.AddRow("  gen0 collections (0: no garbage)", "", $"{collections:N0}");
        AnsiConsole.Write(table);
        return 0;
    }

    /// <summary>What one <c>run</c> reported of itself, and how long the whole process took.</summary>
    private sealed record RunTimes(double Seconds, double Read, double Results, long Events)
    {
        public static RunTimes Of(WholeProcess.Outcome outcome)
        {
            var phases = PhasesPattern().Match(outcome.Output);
            var events = EventsPattern().Match(outcome.Output);
            if (!phases.Success || !events.Success)
                throw new InvalidOperationException($"the run's summary did not say its phases: {outcome.Output}");
            return new RunTimes(outcome.Seconds,
                double.Parse(phases.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(phases.Groups[2].Value, CultureInfo.InvariantCulture),
                long.Parse(events.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"read ([0-9.]+) s, results ([0-9.]+) s")]
    private static partial Regex PhasesPattern();

    [GeneratedRegex(@"events\s+([0-9,]+)")]
    private static partial Regex EventsPattern();

    /// <summary>
    /// Reads the file twice on one reader, as <c>run</c> does (blocks of enriched plays into the
    /// analytics): the first pass grows every table to its final size, the second is measured, so
    /// what remains is what each play costs, and the gen0 collections it caused.
    /// </summary>
    private static (long Allocated, int Gen0Collections, long Plays) HotPathAllocations(Input input)
    {
        var lookups = new LookupTables(
            input.Customers is null ? new CustomerTable() : CustomerReader.Read(input.Customers).Table,
            input.Tracks is null ? new TrackTable() : TrackReader.Read(input.Tracks).Table);
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        var block = new PlayBlock();
        Pass(input.Events, lookups, analytics, block, limit: 2_000_000);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var plays = Pass(input.Events, lookups, analytics, block, limit: 2_000_000);
        return (GC.GetTotalAllocatedBytes(precise: true) - before, GC.CollectionCount(0) - collections, plays);
    }

    private static long Pass(string events, LookupTables lookups, PartitionAnalytics analytics, PlayBlock block, long limit)
    {
        using var reader = LineReader.Open(events);
        long plays = 0;
        while (plays < limit && reader.TryReadLine(out var line, out _, out _))
        {
            var kind = PlayLine.Read(line, out var play, out var zip, out var reason);
            if (kind == LineKind.Play)
            {
                block.Add(play, line[zip], lookups);
                if (block.IsFull)
                {
                    analytics.AddBlock(block);
                    block.Clear();
                }
                plays++;
            }
            else if (kind == LineKind.DeadLetter)
            {
                block.CountDeadLetter(reason);
            }
        }
        analytics.AddBlock(block);
        block.Clear();
        return plays;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string F(double seconds) => seconds.ToString("F2", CultureInfo.InvariantCulture);
    private static string Rate(long plays, double seconds) => $"{plays / seconds / 1e6:F2} M";
}
