using System.Globalization;
using Confluent.Kafka;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Tests.Configuration;

public class KafkaOptionsTests
{
    private static Dictionary<string, string> AsDictionary(IEnumerable<KeyValuePair<string, string>> config) =>
        config.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void Consumer_config_reads_from_the_start_and_never_commits_or_stores_offsets_by_itself()
    {
        var config = new KafkaOptions().ToConsumerConfig("analytics");

        Assert.Equal("127.0.0.1:9092", config.BootstrapServers);
        Assert.Equal("analytics", config.GroupId);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(10_000, config.SessionTimeoutMs);
    }

    [Fact]
    public void Consumer_config_fetches_a_full_partition_again_within_a_tenth_of_a_second_unless_told_otherwise()
    {
        // librdkafka's own default is 1 s: a member reading slower than the broker sends then idles.
        var defaults = AsDictionary(new KafkaOptions().ToConsumerConfig("g"));
        var overridden = AsDictionary(new KafkaOptions().WithProperties(["fetch.queue.backoff.ms=700"]).ToConsumerConfig("g"));

        Assert.InRange(int.Parse(defaults["fetch.queue.backoff.ms"], CultureInfo.InvariantCulture), 1, 100);
        Assert.Equal("700", overridden["fetch.queue.backoff.ms"]);
    }

    [Fact]
    public void Producer_config_waits_for_all_replicas_by_default()
    {
        var config = new KafkaOptions { BootstrapServers = "k1:9093,k2:9093" }.ToProducerConfig();

        Assert.Equal(Acks.All, config.Acks);
        Assert.Equal("k1:9093,k2:9093", config.BootstrapServers);
    }

    [Fact]
    public void Security_settings_pass_through_to_every_client()
    {
        var options = new KafkaOptions
        {
            SecurityProtocol = "sasl_ssl",
            SaslMechanism = "SCRAM-SHA-512",
            SaslUsername = "reader",
            SaslPassword = "hunter2",
            SslCaLocation = "/etc/ca.pem",
        };

        foreach (ClientConfig config in new ClientConfig[] { options.ToProducerConfig(), options.ToConsumerConfig("g"), options.ToAdminConfig() })
        {
            var map = AsDictionary(config);
            Assert.Equal("sasl_ssl", map["security.protocol"]);
            Assert.Equal("SCRAM-SHA-512", map["sasl.mechanism"]);
            Assert.Equal("reader", map["sasl.username"]);
            Assert.Equal("hunter2", map["sasl.password"]);
            Assert.Equal("/etc/ca.pem", map["ssl.ca.location"]);
        }
    }

    [Fact]
    public void Unset_security_settings_are_left_out()
    {
        var map = AsDictionary(new KafkaOptions().ToAdminConfig());

        Assert.DoesNotContain("security.protocol", map.Keys);
        Assert.DoesNotContain("sasl.password", map.Keys);
    }

    [Fact]
    public void Extra_properties_reach_the_config_and_override_typed_settings()
    {
        var options = new KafkaOptions { SessionTimeoutMs = 10_000 }
            .WithProperties(["api.version.request=false;broker.version.fallback=0.9.0.1", "session.timeout.ms=6000"]);

        var map = AsDictionary(options.ToConsumerConfig("g"));

        Assert.Equal("false", map["api.version.request"]);
        Assert.Equal("0.9.0.1", map["broker.version.fallback"]);
        Assert.Equal("6000", map["session.timeout.ms"]);
    }

    [Fact]
    public void ToString_hides_the_password_and_secret_extra_properties_but_shows_the_rest()
    {
        var options = new KafkaOptions { SaslUsername = "reader", SaslPassword = "hunter2", BootstrapServers = "k:9092" }
            .WithProperties(["ssl.key.password=s3cret", "sasl.oauthbearer.client.secret=abc123", "linger.ms=7"]);

        var text = options.ToString();

        Assert.DoesNotContain("hunter2", text);
        Assert.DoesNotContain("s3cret", text);
        Assert.DoesNotContain("abc123", text);
        Assert.Contains("sasl.password=***", text);
        Assert.Contains("ssl.key.password=***", text);
        Assert.Contains("sasl.username=reader", text);
        Assert.Contains("linger.ms=7", text);
        Assert.Contains("bootstrap.servers=k:9092", text);
    }

    [Theory]
    [InlineData("api.version.request=false;broker.version.fallback=0.9.0.1", true)]
    [InlineData("api.version.request=false;broker.version.fallback=0.10.0.1", true)]
    [InlineData("api.version.request=false;broker.version.fallback=0.10.1.0", false)]
    [InlineData("api.version.request=true;broker.version.fallback=0.9.0.1", false)]
    [InlineData("broker.version.fallback=0.9.0.1", false)]
    [InlineData("", false)]
    public void Old_broker_without_a_topic_api_is_recognised_from_the_protocol_fallback(string properties, bool expected)
    {
        var options = new KafkaOptions().WithProperties([properties]);

        Assert.Equal(expected, options.TargetsBrokerWithoutTopicApi);
    }

    [Fact]
    public void Empty_bootstrap_servers_are_refused()
    {
        var options = new KafkaOptions { BootstrapServers = " " };

        Assert.Throws<InvalidOperationException>(() => options.ToProducerConfig());
    }

    [Fact]
    public void An_empty_group_id_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new KafkaOptions().ToConsumerConfig(""));
    }
}
