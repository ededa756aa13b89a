using Playstream.Processor.Metrics;

namespace Playstream.Processor.Tests.Metrics;

/// <summary>The lines <c>process</c> reports, as the retry paths word them, sorted to the right server.</summary>
public sealed class FailingServerTests
{
    [Theory]
    [InlineData("writing results to elasticsearch failed (connection refused); retrying in 2s", "elasticsearch")]
    [InlineData("creating the result indices failed (connection refused); retrying in 1s", "elasticsearch")]
    [InlineData("indexing plays into it-plays failed (no answer); retrying in 4s", "elasticsearch")]
    [InlineData("elasticsearch unreachable at http://127.0.0.1:9200/ (Connection refused), retrying in 200ms (attempt 2 of 5)", "elasticsearch")]
    [InlineData("writing results to redis failed (No connection is active/available to service this operation: HSET); retrying in 1s", "redis")]
    [InlineData("checkpointing realtime/2 failed (timeout); retrying in 8s", "redis")]
    [InlineData("reading customers and tracks from redis at 127.0.0.1:6379 failed (refused); retrying in 1s", "redis")]
    [InlineData("sending dead letters to kafka failed (Local: Message timed out); retrying in 1s", "kafka")]
    [InlineData("something else failed (index out of range); retrying in 1s", "other")]
    public void A_retry_line_names_its_server(string line, string sink)
    {
        Assert.True(FailingServer.IsRetry(line));
        Assert.Equal(sink, FailingServer.Of(line));
    }

    [Theory]
    [InlineData("flushed: 1,000 events, 0 dead letters, 3 partition(s) here, 1,000 records read")]
    [InlineData("writing results to redis: recovered after 2 failed attempt(s)")]
    [InlineData("kafka error: 127.0.0.1:9092/0: Connect to ipv4#127.0.0.1:9092 failed: Connection refused")]
    public void Other_lines_are_no_retries(string line) => Assert.False(FailingServer.IsRetry(line));

    [Fact]
    public void A_kafka_client_error_is_told_apart() =>
        Assert.True(FailingServer.IsKafkaClientError("kafka error: 1/1 brokers are down"));

    [Fact]
    public void A_failure_is_sorted_by_the_exception_that_stopped_the_run()
    {
        Assert.Equal("elasticsearch", FailingServer.Of(new Playstream.Elasticsearch.ElasticsearchException("2 play(s) refused")));
        Assert.Equal("kafka", FailingServer.Of(new InvalidOperationException("wrapped", new Confluent.Kafka.KafkaException(Confluent.Kafka.ErrorCode.Local_Transport))));
        Assert.Equal("other", FailingServer.Of(new InvalidOperationException("no server")));
    }
}
