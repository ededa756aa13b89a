using Playstream.Core.Engine;
using Playstream.Elasticsearch;
using Playstream.Kafka.Configuration;
using Playstream.Redis;

namespace Playstream.Settings;

/// <summary>The connectors' options made from the settings. Secrets pass through and are never printed (each connector's options redact them).</summary>
public static class ConnectorOptions
{
    public static KafkaOptions Kafka(PlaystreamSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new KafkaOptions
        {
            BootstrapServers = settings.Kafka.BootstrapServers,
            SecurityProtocol = settings.Kafka.SecurityProtocol,
            SaslMechanism = settings.Kafka.SaslMechanism,
            SaslUsername = settings.Kafka.SaslUsername,
            SaslPassword = settings.Kafka.SaslPassword,
            SslCaLocation = settings.Kafka.SslCaLocation,
            ZooKeeperConnect = settings.Kafka.ZooKeeper,
            KafkaHome = settings.Kafka.KafkaHome,
        };
        foreach (var (key, value) in settings.Kafka.Properties)
            options.ExtraProperties[key] = value;
        return options;
    }

    public static RedisOptions Redis(PlaystreamSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            Endpoint = settings.Redis.Endpoint,
            Password = settings.Redis.Password,
            UseTls = settings.Redis.Tls,
            KeyPrefix = settings.Redis.KeyPrefix,
        };
    }

    public static ElasticsearchOptions Elasticsearch(PlaystreamSettings settings, Action<RetryNotice>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new()
        {
            Urls = settings.Elasticsearch.Urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToList(),
            Username = settings.Elasticsearch.Username,
            Password = settings.Elasticsearch.Password,
            ApiKey = settings.Elasticsearch.ApiKey,
            AllowInvalidCertificates = settings.Elasticsearch.AllowInvalidCertificates,
            OnRetry = onRetry,
        };
    }
}
