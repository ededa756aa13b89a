namespace Playstream.Settings;

/// <summary>How to reach Kafka: the <c>kafka</c> section of the settings.</summary>
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
    /// <summary>ZooKeeper host:port, for topic admin on Kafka before 0.10.1 (which has no API for it).</summary>
    public string? ZooKeeper { get; set; }
    /// <summary>The Kafka distribution folder (holding <c>libs/</c>), for topic admin on Kafka before 0.10.1.</summary>
    public string? KafkaHome { get; set; }
}
