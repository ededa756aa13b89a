using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Producing;
using Playstream.Redis;
using Playstream.Settings;
using StackExchange.Redis;

namespace Playstream.Bench;

/// <summary>
/// How long a play takes from being appended to the topic to being seen, with a
/// <c>process</c> member following the topic at its default settings: three plays of a new
/// (customer, track) pair, then the moment the interest shows in Redis, and the moments the
/// summary's events count covers them in Redis and in Elasticsearch (a real-time get).
/// </summary>
internal static class LatencyProbe
{
    public sealed record Latencies(IReadOnlyList<double> InterestRedis, IReadOnlyList<double> SummaryRedis, IReadOnlyList<double> SummaryElasticsearch)
    {
        public override string ToString() =>
            $"append to visible ({InterestRedis.Count} samples of 3 plays, default flush): interest in redis p50 {P(InterestRedis, 0.5)} s / p99 {P(InterestRedis, 0.99)} s; " +
            $"summary in redis p50 {P(SummaryRedis, 0.5)} / p99 {P(SummaryRedis, 0.99)} s; summary in elasticsearch p50 {P(SummaryElasticsearch, 0.5)} / p99 {P(SummaryElasticsearch, 0.99)} s";

        private static string P(IReadOnlyList<double> values, double share) =>
            Processor.ProcessorReport.Percentile([.. values.Order()], share).ToString("F2", CultureInfo.InvariantCulture);
    }

    public static Latencies Measure(KafkaOptions kafka, PlaystreamSettings settings, string settingsFile, string redisPrefix, string indexPrefix, string folder, int partitions, int samples)
    {
        var topic = $"{indexPrefix}-{DateTime.UtcNow:HHmmss}";
        using (var admin = new TopicAdmin(kafka))
            admin.CreateAsync(topic, partitions, 1).GetAwaiter().GetResult();
        var started = new ManualResetEventSlim();
        using var member = WholeProcess.Start(folder, ["process", "--topic", topic, "--group", $"{topic}-g", "--settings", settingsFile,
            "--redis-prefix", redisPrefix, "--index-prefix", indexPrefix]);
        member.Line = line =>
        {
            if (line.Contains("flushed:", StringComparison.Ordinal))
                started.Set();
        };
        if (!started.Wait(TimeSpan.FromMinutes(2)))
            throw new TimeoutException($"the following member never started: {member.LastErrors}");

        var redisOptions = ConnectorOptions.Redis(settings) with { KeyPrefix = redisPrefix };
        using var redis = RedisConnection.ConnectAsync(redisOptions).GetAwaiter().GetResult();
        var db = redis.GetDatabase();
        var keys = redisOptions.Keys;
        var es = ConnectorOptions.Elasticsearch(settings);
        using var http = new HttpClient { BaseAddress = new Uri(es.Urls[0].ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(5) };
        using var producer = new KafkaLineProducer(kafka, topic, keyed: false);
        var interest = new List<double>();
        var summaryRedis = new List<double>();
        var summaryEs = new List<double>();
        var baseTime = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < samples; i++)
        {
            var customer = 900_000 + i;
            var track = 7;
            var at = baseTime.AddHours(i);
            for (var k = 0; k < 3; k++)
                producer.Produce($"{i * 3 + k},{customer},{track},\"{at.AddMinutes(k):yyyy-MM-dd HH:mm:ss}\",0,\"10001\"");
            producer.Flush(TimeSpan.FromSeconds(30));
            var appended = Stopwatch.StartNew();
            var expected = (i + 1) * 3L;
            double? seenInterest = null, seenRedis = null, seenEs = null;
            while ((seenInterest is null || seenRedis is null || seenEs is null) && appended.Elapsed < TimeSpan.FromSeconds(60))
            {
                seenInterest ??= db.SetContains(keys.Interests(customer), track) ? appended.Elapsed.TotalSeconds : null;
                seenRedis ??= (long?)db.HashGet(keys.Summary, "events") >= expected ? appended.Elapsed.TotalSeconds : null;
                seenEs ??= EsEvents(http, $"{indexPrefix}-summary") >= expected ? appended.Elapsed.TotalSeconds : null;
                Thread.Sleep(10);
            }
            interest.Add(seenInterest ?? double.NaN);
            summaryRedis.Add(seenRedis ?? double.NaN);
            summaryEs.Add(seenEs ?? double.NaN);
        }
        return new Latencies(interest, summaryRedis, summaryEs);
    }

    /// <summary>The summary's events as Elasticsearch has it now (a get is real-time: no refresh needed); null before it exists.</summary>
    private static long? EsEvents(HttpClient http, string index)
    {
        // Elasticsearch before 7 names the mapping type in the path; 7 and later take _doc.
        foreach (var type in new[] { Elasticsearch.EsRequestShapes.MappingTypeName, "_doc" })
        {
            try
            {
                using var response = http.GetAsync($"{index}/{type}/all").GetAwaiter().GetResult();
                if (!response.IsSuccessStatusCode)
                    continue;
                using var json = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                if (json.RootElement.TryGetProperty("_source", out var source) && source.TryGetProperty("events", out var events))
                    return events.GetInt64();
            }
            catch (HttpRequestException)
            {
                return null;
            }
        }
        return null;
    }
}
