using Playstream.Core.Engine;

namespace Playstream.Settings.Tests;

/// <summary>The environment's layer: the short names, and every setting as PLAYSTREAM_SECTION__NAME.</summary>
public sealed class SettingsVariablesTests
{
    [Fact]
    public void Each_short_name_sets_its_setting()
    {
        using var environment = new ScopedEnvironment(
            ("PLAYSTREAM_KAFKA", "k:1"),
            ("PLAYSTREAM_ZOOKEEPER", "zk:2"),
            ("PLAYSTREAM_KAFKA_HOME", "/kafka"),
            ("PLAYSTREAM_KAFKA_SASL_USERNAME", "ku"),
            ("PLAYSTREAM_KAFKA_SASL_PASSWORD", "kp"),
            ("PLAYSTREAM_KAFKA_PROPERTIES", "a=1; b = two ;"),
            ("PLAYSTREAM_REDIS", "r:3"),
            ("PLAYSTREAM_REDIS_PASSWORD", "rp"),
            ("PLAYSTREAM_REDIS_PREFIX", "pre:"),
            ("PLAYSTREAM_ES_URL", "http://e:4"),
            ("PLAYSTREAM_ES_USERNAME", "eu"),
            ("PLAYSTREAM_ES_PASSWORD", "ep"),
            ("PLAYSTREAM_ES_API_KEY", "ek"),
            ("PLAYSTREAM_ES_PREFIX", "idx"));

        var s = SettingsLoader.Load(null);

        Assert.Equal(("k:1", "zk:2", "/kafka", "ku", "kp"), (s.Kafka.BootstrapServers, s.Kafka.ZooKeeper, s.Kafka.KafkaHome, s.Kafka.SaslUsername, s.Kafka.SaslPassword));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "two" }, s.Kafka.Properties);
        Assert.Equal(("r:3", "rp", "pre:"), (s.Redis.Endpoint, s.Redis.Password, s.Redis.KeyPrefix));
        Assert.Equal(("http://e:4", "eu", "ep", "ek", "idx"), (s.Elasticsearch.Urls, s.Elasticsearch.Username, s.Elasticsearch.Password, s.Elasticsearch.ApiKey, s.Elasticsearch.IndexPrefix));
    }

    [Fact]
    public void Every_setting_can_be_given_as_section_and_name()
    {
        using var environment = new ScopedEnvironment(
            ("PLAYSTREAM_KAFKA__SECURITYPROTOCOL", "sasl_ssl"),
            ("PLAYSTREAM_KAFKA__SASLMECHANISM", "PLAIN"),
            ("PLAYSTREAM_KAFKA__PROPERTIES__linger.ms", "5"),
            ("PLAYSTREAM_REDIS__TLS", "true"),
            ("PLAYSTREAM_ELASTICSEARCH__ALLOWINVALIDCERTIFICATES", "true"),
            ("PLAYSTREAM_ELASTICSEARCH__INDEXPREFIX", "music"));

        var s = SettingsLoader.Load(null);

        Assert.Equal("sasl_ssl", s.Kafka.SecurityProtocol);
        Assert.Equal("PLAIN", s.Kafka.SaslMechanism);
        Assert.Equal("5", Assert.Single(s.Kafka.Properties, p => p.Key == "linger.ms").Value);
        Assert.True(s.Redis.Tls);
        Assert.True(s.Elasticsearch.AllowInvalidCertificates);
        Assert.Equal("music", s.Elasticsearch.IndexPrefix);
    }

    [Fact]
    public void A_short_name_wins_over_the_section_and_name_form()
    {
        using var environment = new ScopedEnvironment(("PLAYSTREAM_REDIS__ENDPOINT", "long:1"), ("PLAYSTREAM_REDIS", "short:2"));
        Assert.Equal("short:2", SettingsLoader.Load(null).Redis.Endpoint);
    }

    [Fact]
    public void A_malformed_kafka_property_list_is_one_line_naming_the_variable_without_the_secret()
    {
        using var environment = new ScopedEnvironment(("PLAYSTREAM_KAFKA_PROPERTIES", "acks=all;hunter2secret"));

        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Load(null));

        Assert.Equal("PLAYSTREAM_KAFKA_PROPERTIES: Kafka property 'hun...' is not KEY=VALUE", error.Message);
    }
}
