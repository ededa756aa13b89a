using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Sources;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;

namespace Playstream.Bench;

/// <summary>
/// The ceiling the benchmarks hold the plays sink against: the very documents the sink writes
/// (the same bytes, ids and index mapping), cut into bodies as the sink cuts them, made before
/// the clock starts and posted as they are, as many at a time as the sink sends.
/// </summary>
internal static class RawBulkLoad
{
    /// <summary>The generated plays as the processor hands them over: parsed, in file order, positioned by line.</summary>
    public static List<(PlayEvent Play, byte[] Zip, long Position)> ReadPlays(string events)
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

    /// <summary>The same documents as the sink writes, cut into bodies as the sink cuts them, made before any clock starts.</summary>
    public static List<byte[]> Bodies(List<(PlayEvent Play, byte[] Zip, long Position)> input, LookupTables lookups, EsRequestShapes shapes, string index, ElasticsearchOptions options, string source)
    {
        var bodies = new List<byte[]>();
        using var writer = new PlayDocumentWriter(shapes, index);
        var body = new ArrayBufferWriter<byte>(options.MaxBulkBytes);
        var batch = new PlayBatch(input.Count) { Source = source };
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
    public static void Post(ElasticsearchOptions options, string index, List<byte[]> bodies, PlaySinkOptions sinkOptions)
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
}
