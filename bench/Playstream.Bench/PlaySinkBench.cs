using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Sources;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Settings;
using Spectre.Console;

namespace Playstream.Bench;

/// <summary>
/// <c>playstream bench es</c>: the plays sink on its own, fed enriched plays in batches as
/// <c>process</c> feeds it, beside a raw bulk load of the very same documents (the same bytes,
/// ids and index mapping) into the same server in the same run: bodies made before the clock
/// starts and posted as they are, as many at a time as the sink sends. Each run writes into
/// fresh indices and counts them afterwards.
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
        var input = ReadPlays(files.Events);
        using var client = new ElasticsearchClient(options);
        var shapes = client.GetShapesAsync().GetAwaiter().GetResult();
        var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        // Names of one length: the two loads send the same bytes but for the index name.
        var rawIndex = $"bench-{id}-raw";
        var sinkIndex = $"bench-{id}-snk";

        var bodies = RawBodies(input, lookups, shapes, rawIndex, options);
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
            var seconds = Time(() => RawLoad(options, rawIndex, bodies, sinkOptions));
            var count = Count(client, rawIndex);
            client.DeleteIndexAsync(rawIndex).GetAwaiter().GetResult();
            return (seconds, count);
        }
    }

    /// <summary>The generated plays as the processor hands them over: parsed, in file order, positioned by line.</summary>
    private static List<(PlayEvent Play, byte[] Zip, long Position)> ReadPlays(string events)
    {
        var plays = new List<(PlayEvent, byte[], long)>();
        using var reader = LineReader.Open(events);
        while (reader.TryReadLine(out var line, out var number, out _))
        {
            if (EventParser.TryParse(line, out var play, out var zip, out _))
                plays.Add((play, line[zip].ToArray(), number));
        }
        return plays;
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

    /// <summary>The same documents as the sink writes, cut into bodies as the sink cuts them, made before any clock starts.</summary>
    private static List<byte[]> RawBodies(List<(PlayEvent Play, byte[] Zip, long Position)> input, LookupTables lookups, EsRequestShapes shapes, string index, ElasticsearchOptions options)
    {
        var bodies = new List<byte[]>();
        using var writer = new PlayDocumentWriter(shapes, index);
        var body = new ArrayBufferWriter<byte>(options.MaxBulkBytes);
        var batch = new PlayBatch(input.Count) { Source = Source };
        foreach (var (play, zip, position) in input)
            batch.Add(play, zip, position);
        var ingest = DateTime.UnixEpoch.AddSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var documents = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            writer.Write(body, batch, i, lookups, ingest);
            documents++;
            if (documents == options.MaxBulkDocuments || body.WrittenCount >= options.MaxBulkBytes)
            {
                bodies.Add(body.WrittenSpan.ToArray());
                body.Clear();
                documents = 0;
            }
        }
        if (documents > 0)
            bodies.Add(body.WrittenSpan.ToArray());
        return bodies;
    }

    /// <summary>Posts the bodies as they are, keeping as many requests in flight as the sink does.</summary>
    private static void RawLoad(ElasticsearchOptions options, string index, List<byte[]> bodies, PlaySinkOptions sinkOptions)
    {
        using var client = new ElasticsearchClient(options);
        client.EnsureIndexAsync(index, PlaystreamIndices.PlaysMapping()).GetAwaiter().GetResult();
        // The index prepared for the load as the sink prepares it, and put back the same way afterwards.
        var interval = client.GetRefreshIntervalAsync(index).GetAwaiter().GetResult();
        if (sinkOptions.RefreshAtFlushes)
            client.SetRefreshIntervalAsync(index, "-1").GetAwaiter().GetResult();
        using var http = new HttpClient { BaseAddress = options.Urls[0], Timeout = options.RequestTimeout };
        if (options.ApiKey is { } key)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", key);
        else if (options.Username is { } user && options.Password is { } password)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        var next = -1;
        var senders = Enumerable.Range(0, Math.Max(1, sinkOptions.Concurrency)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Count)
            {
                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                using var response = await http.PostAsync("_bulk", content).ConfigureAwait(false);
                var answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode || HasErrors(answer))
                    throw new InvalidOperationException($"the raw bulk load was refused ({(int)response.StatusCode}): {Encoding.UTF8.GetString(answer.AsSpan(0, Math.Min(300, answer.Length)))}");
            }
        })).ToArray();
        Task.WaitAll(senders);
        if (sinkOptions.RefreshAtFlushes)
            client.SetRefreshIntervalAsync(index, interval).GetAwaiter().GetResult();
        client.RefreshAsync(index).GetAwaiter().GetResult();
    }

    private static bool HasErrors(byte[] answer)
    {
        using var document = JsonDocument.Parse(answer);
        return document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.True;
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
