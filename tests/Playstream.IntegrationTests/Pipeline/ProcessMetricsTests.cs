using System.Net.Http.Json;
using System.Text.Json;
using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Pipeline;

/// <summary>
/// <c>process --metrics-port</c> on the real stack: once it has read a topic of known lines,
/// /metrics counts every record, the plays (as the brute force counts them) and the bad lines
/// by reason, shows no lag on any of the three partitions with high watermarks that add up
/// to the lines produced, and /health says it holds the partitions and when it last flushed.
/// </summary>
[Collection(ElasticsearchCollection.Name)]
public sealed class ProcessMetricsTests(ElasticsearchServer es, KafkaBroker kafka, RedisServer redis) : IClassFixture<KafkaBroker>, IClassFixture<RedisServer>
{
    private static readonly string[] BadLines =
    [
        "9000,48,453,\"2014-13-23 03:26:20\",0,\"72132\"",   // month 13: bad_datetime
        "9001,48,453,\"2014-10-23 03:26:20\",7,\"72132\"",   // ismobile 7: bad_ismobile
        "not,a,play",                                        // three fields: field_count
    ];

    [Fact]
    public async Task Metrics_count_every_record_event_and_dead_letter_and_health_reports_the_partitions()
    {
        using var pipeline = new StackPipeline(kafka, redis, es);
        var data = Generated(pipeline, events: 6_000);
        await pipeline.StartAsync(data.Customers, data.Tracks);
        var lines = File.ReadAllLines(data.Events).Concat(BadLines).ToArray();
        pipeline.Produce(lines);
        var expected = StackPipeline.Reference(lines, data.Customers, data.Tracks);

        var port = FreePort.Next();
        var endpoint = new Uri($"http://127.0.0.1:{port}/");
        using var process = CliProcess.Start(pipeline.Folder.Path,
            ["process", "--topic", pipeline.Topic, "--group", pipeline.Group, "--flush-interval", "1s", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. pipeline.Connection]);
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            // Read, flushed, and the lag monitor has read every partition's whole watermark; the
            // positions reach the metrics at most twice a second, so the lag is waited for too.
            var scrape = await WaitForAsync(http, endpoint, s =>
                s.Value("playstream_records_total") == lines.Length
                && s.Value("playstream_flushes_total") >= 1
                && s.All("playstream_partition_lag").Count == 3
                && s.All("playstream_partition_lag").All(l => l.Value == 0)
                && s.All("playstream_partition_high_watermark").Sum(x => x.Value) == lines.Length, process);

            Assert.Equal(expected.Summary.Events, scrape.Value("playstream_events_total"));
            Assert.Equal(1, scrape.Value("playstream_dead_letters_total", ("reason", "bad_datetime")));
            Assert.Equal(1, scrape.Value("playstream_dead_letters_total", ("reason", "bad_ismobile")));
            Assert.Equal(1, scrape.Value("playstream_dead_letters_total", ("reason", "field_count")));
            Assert.Equal(3, scrape.Value("playstream_partitions_assigned", ("group", pipeline.Group), ("topic", pipeline.Topic)));
            Assert.All(scrape.All("playstream_partition_lag"), lag => Assert.Equal(0, lag.Value));
            Assert.Equal(["0", "1", "2"], scrape.All("playstream_partition_lag").Select(l => l.Labels["partition"]).Order(StringComparer.Ordinal));
            Assert.NotNull(scrape.Value("playstream_checkpoint_age_seconds"));
            Assert.True(scrape.Value("playstream_checkpoint_duration_seconds_count") >= 1);
            Assert.True(scrape.Value("playstream_checkpoint_bytes") > 0);
            Assert.Null(scrape.Value("playstream_state_horizon_timestamp_seconds")); // no --allowed-lateness: nothing evicted

            using var health = await http.GetAsync(new Uri(endpoint, "health"));
            Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
            var json = await health.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("assigned", json.GetProperty("status").GetString());
            Assert.Equal(3, json.GetProperty("partitions").GetInt32());
            Assert.True(DateTimeOffset.TryParse(json.GetProperty("last_flush").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.Contains($"metrics on {endpoint}metrics", await errors, StringComparison.Ordinal);
    }

    private static async Task<Scrape> WaitForAsync(HttpClient http, Uri endpoint, Func<Scrape, bool> done, System.Diagnostics.Process process)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        Scrape? last = null;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(process.HasExited, "process exited");
            try
            {
                last = await Scrape.FromAsync(http, new Uri(endpoint, "metrics"));
                if (done(last))
                    return last;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        var lags = last is null ? "none" : string.Join(", ", last.All("playstream_partition_lag").Select(l => $"{l.Labels["partition"]}: {l.Value}"));
        Assert.Fail($"the metrics never showed the whole topic read; last records_total {last?.Value("playstream_records_total")}, lags {lags}");
        return last!;
    }

    internal sealed record Data(string Events, string Customers, string Tracks);

    internal static Data Generated(StackPipeline pipeline, int events)
    {
        var directory = pipeline.Folder.File("data");
        var generated = CliProcess.Run(pipeline.Folder.Path, "generate", "--out", directory, "--events", events.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--customers", "500", "--tracks", "200", "--days", "2", "--seed", "11");
        Assert.True(generated.ExitCode == 0, generated.Error);
        return new Data(Path.Combine(directory, "tracks.csv"), Path.Combine(directory, "cust.csv"), Path.Combine(directory, "music.csv"));
    }
}
