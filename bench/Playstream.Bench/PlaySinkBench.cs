using System.Diagnostics;
using System.Globalization;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>
/// <c>playstream bench es</c>: the plays sink on its own, fed enriched plays in batches as
/// <c>process</c> feeds it, beside a raw bulk load of the very same documents into the same
/// server in the same run (<see cref="RawBulkLoad"/>). Each run writes into fresh indices and
/// counts them afterwards.
/// </summary>
public static class PlaySinkBench
{
    private const string Source = "bench/0";
    private const string RawLoadName = "raw bulk load, same bytes";
    private const string SinkName = "ElasticsearchPlaySink";
    private const string UnpausedName = "the sink, refresh every 1 s";

    public static int Run(long plays, int runs, PlaySinkOptions sinkOptions, int bulkPlays, PlaystreamSettings settings)
    {
        var files = BenchData.Ensure(plays);
        var options = ConnectorOptions.Elasticsearch(settings) with { MaxBulkDocuments = bulkPlays };
        var lookups = new LookupTables(CustomerReader.Read(files.Customers).Table, TrackReader.Read(files.Tracks).Table);
        var input = RawBulkLoad.ReadPlays(files.Events);
        using var client = new ElasticsearchClient(options);
        var shapes = client.GetShapesAsync().GetAwaiter().GetResult();
        var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        // Names of one length: the two loads send the same bytes but for the index name.
        var rawIndex = $"bench-{id}-raw";
        var sinkIndex = $"bench-{id}-snk";

        var bodies = RawBulkLoad.Bodies(input, lookups, shapes, rawIndex, options, Source);
        var mib = bodies.Sum(b => (long)b.Length) / (1024.0 * 1024.0);
        var table = new Table().Border(TableBorder.Rounded).Title(
            $"{input.Count:N0} enriched plays ({mib:F0} MiB of bulk bodies) into elasticsearch {shapes.Server.Version}, {Environment.ProcessorCount} cores");
        table.AddColumns("run", "load", "seconds", "plays/s", "rate vs raw", "documents in index");
        table.Caption($"{sinkOptions.Concurrency} bulk request(s) in flight, at most {client.BulkLimits.MaxDocuments:N0} plays or {client.BulkLimits.MaxBytes / (1024 * 1024)} MiB each; " +
            (sinkOptions.RefreshAtFlushes ? "the raw load and the sink pause the index's own refreshes during the load" : "the index refreshes by itself"));
        var best = new Dictionary<string, double>();
        var noPause = sinkOptions with { RefreshAtFlushes = false };
        for (var run = 1; run <= runs; run++)
        {
            // The raw load goes first in odd runs and last in even ones: neither always follows the other's merges.
            var raw = run % 2 == 1 ? Raw() : default;
            var sink = Time(() => SinkLoad(client, sinkIndex, input, lookups, sinkOptions));
            var sinkCount = Count(client, sinkIndex);
            client.DeleteIndexAsync(sinkIndex).GetAwaiter().GetResult();
            var unpaused = Time(() => SinkLoad(client, sinkIndex, input, lookups, noPause));
            var unpausedCount = Count(client, sinkIndex);
            client.DeleteIndexAsync(sinkIndex).GetAwaiter().GetResult();
            if (run % 2 == 0)
                raw = Raw();
            // Each rate beside the raw load of its own run.
            AddRow(table, best, run, RawLoadName, input.Count, raw.Seconds, raw.Seconds, raw.Count);
            AddRow(table, best, run, SinkName, input.Count, sink, raw.Seconds, sinkCount);
            AddRow(table, best, run, UnpausedName, input.Count, unpaused, raw.Seconds, unpausedCount);
        }

        AnsiConsole.Write(table);
        var rawBest = best[RawLoadName];
        AnsiConsole.MarkupLine(
            $"best of {runs}: the sink {best[SinkName]:N0} plays/s, [bold]{best[SinkName] / rawBest:P0}[/] of the raw bulk load's {rawBest:N0} plays/s; " +
            $"refreshing by itself as usual, {best[UnpausedName]:N0} plays/s ({best[UnpausedName] / rawBest:P0})");
        return 0;

        (double Seconds, long Count) Raw()
        {
            var seconds = Time(() => RawBulkLoad.Post(options, rawIndex, bodies, sinkOptions));
            var count = Count(client, rawIndex);
            client.DeleteIndexAsync(rawIndex).GetAwaiter().GetResult();
            return (seconds, count);
        }
    }

    private static void SinkLoad(ElasticsearchClient client, string index, List<(PlayEvent Play, byte[] Zip, long Position)> input, LookupTables lookups, PlaySinkOptions options)
    {
        var pool = new PlayBatchPool();
        var sink = new ElasticsearchPlaySink(client, index, () => lookups, pool, report: null, options);
        sink.EnsureIndexAsync().GetAwaiter().GetResult();
        var batch = pool.Rent();
        batch.Source = Source;
        foreach (var (play, zip, position) in input)
        {
            if (batch.IsFull)
            {
                sink.Write(batch);
                batch = pool.Rent();
                batch.Source = Source;
            }
            batch.Add(play, zip, position);
        }
        sink.Write(batch);
        sink.FlushAsync().GetAwaiter().GetResult();
        sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static long Count(ElasticsearchClient client, string index)
    {
        client.RefreshAsync(index).GetAwaiter().GetResult();
        return client.CountAsync(index).GetAwaiter().GetResult();
    }

    private static void AddRow(Table table, Dictionary<string, double> best, int run, string load, long plays, double seconds, double rawSeconds, long documents)
    {
        var rate = plays / seconds;
        best[load] = Math.Max(best.GetValueOrDefault(load), rate);
        table.AddRow(run.ToString(CultureInfo.InvariantCulture), load, seconds.ToString("F2", CultureInfo.InvariantCulture),
            rate.ToString("N0", CultureInfo.InvariantCulture), (rawSeconds / seconds).ToString("P0", CultureInfo.InvariantCulture),
            documents == plays ? $"{documents:N0}" : $"[red]{documents:N0}[/]");
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
