using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Playstream.Core.Streaming.Runtime;
using Playstream.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.Processor;
using Playstream.Processor.Metrics;
using Playstream.Redis;
using Playstream.TestSupport;

namespace Playstream.IntegrationTests.Processor.Metrics;

/// <summary>What <c>--metrics-port</c> starts, against the real broker: the endpoint serving the metrics, kept current by its lag monitor.</summary>
[Collection(KafkaCollection.Name)]
public sealed class ProcessorMonitoringTests(KafkaBroker broker)
{
    private StreamProcessorOptions Options(string topic) => new()
    {
        Topic = topic, Group = "monitored", Kafka = broker.Options(), Redis = new RedisOptions(), Elasticsearch = new ElasticsearchOptions(),
    };

    [Fact]
    public async Task The_endpoint_serves_health_and_the_metrics_with_the_lag_of_held_partitions_until_disposed()
    {
        var topic = await broker.CreateTopicAsync("monitoring", 1);
        RecordWriter.Write(broker.Options(), topic, Enumerable.Range(0, 5).Select(i => (0, (string?)null, $"line {i}")));
        using var http = new HttpClient();
        var monitoring = ProcessorMonitoring.Start(Options(topic), "127.0.0.1", FreePort.Next(), lagEvery: TimeSpan.FromMilliseconds(100));
        var url = monitoring.Url;
        try
        {
            var health = await http.GetFromJsonAsync<JsonElement>(new Uri(url, "health"));
            Assert.Equal("waiting", health.GetProperty("status").GetString());

            monitoring.Metrics.Polled(new RunnerStats(), [(0, 2L)], topic);
            Scrape scrape;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            do
            {
                await Task.Delay(50);
                scrape = await Scrape.FromAsync(http, new Uri(url, "metrics"));
            }
            while (scrape.Value("playstream_partition_lag", ("partition", "0")) is null && DateTime.UtcNow < deadline);

            Assert.Equal(3, scrape.Value("playstream_partition_lag", ("partition", "0"), ("group", "monitored"), ("topic", topic)));
            Assert.Equal(1, scrape.Value("playstream_partitions_assigned"));
        }
        finally
        {
            await monitoring.DisposeAsync();
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(url, "health")));
    }

    [Fact]
    public async Task A_port_already_taken_cannot_be_listened_on()
    {
        var port = FreePort.Next();
        await using var first = ProcessorMonitoring.Start(Options("t"), "127.0.0.1", port);
        Assert.Throws<HttpListenerException>(() => ProcessorMonitoring.Start(Options("t"), "127.0.0.1", port));
    }
}
