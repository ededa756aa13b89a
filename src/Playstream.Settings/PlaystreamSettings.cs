namespace Playstream.Cli.Settings;

/// <summary>
/// Every connection setting of the full-stack verbs, in one model. Values come from, in
/// increasing precedence: the defaults here, what the local stack recorded (<see cref="StackClientSettings"/>),
/// a JSON settings file (<c>--settings FILE</c> or <c>PLAYSTREAM_SETTINGS</c>), environment variables,
/// and command-line options.
/// </summary>
public sealed class PlaystreamSettings
{
    public KafkaSettings Kafka { get; set; } = new();
    public RedisSettings Redis { get; set; } = new();
    public ElasticsearchSettings Elasticsearch { get; set; } = new();
}

public sealed class KafkaSettings
{
    public string BootstrapServers { get; set; } = "127.0.0.1:9092";
    /// <summary>librdkafka properties passed through as they are (SASL, SSL, the 0.9 protocol fallback...).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
    public string? SecurityProtocol { get; set; }
    public string? SaslMechanism { get; set; }
    public string? SaslUsername { get; set; }
    public string? SaslPassword { get; set; }
    public string? SslCaLocation { get; set; }
    public string? ZooKeeper { get; set; }
    public string? KafkaHome { get; set; }
}

public sealed class RedisSettings
{
    public string Endpoint { get; set; } = "127.0.0.1:6379";
    public string? Password { get; set; }
    public bool Tls { get; set; }
    public string KeyPrefix { get; set; } = "playstream:";
}

public sealed class ElasticsearchSettings
{
    /// <summary>One or more base URLs, comma-separated.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:9200";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ApiKey { get; set; }
    public bool AllowInvalidCertificates { get; set; }
    public string IndexPrefix { get; set; } = "playstream";
}
