namespace Playstream.Settings.Tests;

public sealed class ConnectorOptionsTests
{
    private static PlaystreamSettings WithSecrets()
    {
        var s = new PlaystreamSettings();
        s.Kafka.BootstrapServers = "k1:9092,k2:9092";
        s.Kafka.SaslMechanism = "PLAIN";
        s.Kafka.SaslUsername = "user";
        s.Kafka.SaslPassword = "kafka-secret";
        s.Kafka.ZooKeeper = "zk:2181";
        s.Kafka.Properties["linger.ms"] = "5";
        s.Redis.Endpoint = "cache:6379";
        s.Redis.Password = "redis-secret";
        s.Redis.Tls = true;
        s.Redis.KeyPrefix = "music:";
        s.Elasticsearch.Urls = "https://es1:9200, https://es2:9200";
        s.Elasticsearch.ApiKey = "es-secret";
        s.Elasticsearch.AllowInvalidCertificates = true;
        return s;
    }

    [Fact]
    public void Every_setting_reaches_its_connectors_options()
    {
        var s = WithSecrets();

        var kafka = ConnectorOptions.Kafka(s);
        Assert.Equal(("k1:9092,k2:9092", "PLAIN", "user", "kafka-secret", "zk:2181"), (kafka.BootstrapServers, kafka.SaslMechanism, kafka.SaslUsername, kafka.SaslPassword, kafka.ZooKeeperConnect));
        Assert.Equal("5", kafka.ExtraProperties["linger.ms"]);
        var redis = ConnectorOptions.Redis(s);
        Assert.Equal(("cache:6379", "redis-secret", true, "music:"), (redis.Endpoint, redis.Password, redis.UseTls, redis.KeyPrefix));
        var es = ConnectorOptions.Elasticsearch(s);
        Assert.Equal([new Uri("https://es1:9200"), new Uri("https://es2:9200")], es.Urls);
        Assert.Equal("es-secret", es.ApiKey);
        Assert.True(es.AllowInvalidCertificates);
    }

    [Fact]
    public void The_connectors_options_never_print_a_secret()
    {
        var s = WithSecrets();

        Assert.DoesNotContain("kafka-secret", ConnectorOptions.Kafka(s).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("redis-secret", ConnectorOptions.Redis(s).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("es-secret", ConnectorOptions.Elasticsearch(s).ToString(), StringComparison.Ordinal);
    }
}
