using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Playstream.Kafka.Configuration;

/// <summary>
/// How to reach a Kafka cluster: bootstrap servers, security pass-through, extra librdkafka
/// properties, and (for brokers older than 0.10.1) the ZooKeeper that topic admin goes through.
/// Builds the client configs every Kafka connector uses, so they agree on one set of settings.
/// </summary>
/// <remarks>
/// Settings that only old brokers need (<c>api.version.request=false</c>,
/// <c>broker.version.fallback=0.9.0.1</c>) are passed as <see cref="ExtraProperties"/>, never
/// hard-coded: a current broker must not get them.
/// </remarks>
public sealed class KafkaOptions
{
    public const string DefaultBootstrapServers = "127.0.0.1:9092";

    /// <summary>Below this, a consumer of a 0.9 broker fails to join its group ("Invalid session timeout").</summary>
    public const int DefaultSessionTimeoutMs = 10_000;

    /// <summary>Comma-separated <c>host:port</c> list.</summary>
    public string BootstrapServers { get; set; } = DefaultBootstrapServers;

    /// <summary><c>plaintext</c>, <c>ssl</c>, <c>sasl_plaintext</c> or <c>sasl_ssl</c>; null leaves librdkafka's default.</summary>
    public string? SecurityProtocol { get; set; }

    /// <summary><c>PLAIN</c>, <c>SCRAM-SHA-256</c>, <c>SCRAM-SHA-512</c>, ...</summary>
    public string? SaslMechanism { get; set; }

    public string? SaslUsername { get; set; }

    /// <summary>A secret: never printed.</summary>
    public string? SaslPassword { get; set; }

    /// <summary>File of the CA certificate(s) that sign the brokers' certificates.</summary>
    public string? SslCaLocation { get; set; }

    /// <summary>Consumer group session timeout. Kafka 0.9 accepts at most 30000.</summary>
    public int SessionTimeoutMs { get; set; } = DefaultSessionTimeoutMs;

    /// <summary>Any librdkafka property, applied last so it overrides the typed settings above.</summary>
    public IDictionary<string, string> ExtraProperties { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary><c>host:port</c> of ZooKeeper; only topic admin on brokers older than 0.10.1 needs it.</summary>
    public string? ZooKeeperConnect { get; set; }

    /// <summary>
    /// The Kafka distribution folder (the one holding <c>libs/</c>) whose <c>kafka.admin.TopicCommand</c>
    /// creates and deletes topics on old brokers. Defaults to the <c>PLAYSTREAM_KAFKA_HOME</c> variable.
    /// </summary>
    public string? KafkaHome { get; set; }

    /// <summary>Where the client library's warnings and errors go; null drops them (failures still surface as exceptions).</summary>
    public Action<string>? Log { get; set; }

    /// <summary>Client id shown in broker logs.</summary>
    public string ClientId { get; set; } = "playstream";

    /// <summary>
    /// Whether the extra properties pin an old broker protocol (<c>broker.version.fallback</c> below
    /// 0.10.1 with <c>api.version.request=false</c>): such a broker has no CreateTopics/DeleteTopics API.
    /// </summary>
    public bool TargetsBrokerWithoutTopicApi
    {
        get
        {
            if (!ExtraProperties.TryGetValue("api.version.request", out var request)
                || !string.Equals(request.Trim(), "false", StringComparison.OrdinalIgnoreCase))
                return false;
            return ExtraProperties.TryGetValue("broker.version.fallback", out var fallback)
                && Version.TryParse(fallback.Trim(), out var version)
                && version < new Version(0, 10, 1);
        }
    }

    /// <summary>
    /// Adds <c>KEY=VALUE</c> pairs, each as one item or several in one string separated by
    /// <c>;</c> (the form the <c>PLAYSTREAM_KAFKA_PROPERTIES</c> variable takes).
    /// </summary>
    /// <exception cref="FormatException">A pair has no <c>=</c> or an empty key.</exception>
    public KafkaOptions WithProperties(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        foreach (var (key, value) in KafkaPropertyList.Parse(pairs))
            ExtraProperties[key] = value;
        return this;
    }

    public ProducerConfig ToProducerConfig()
    {
        var config = new ProducerConfig { Acks = Acks.All };
        ApplyCommon(config);
        return config;
    }

    /// <summary>
    /// A consumer that reads a group's partitions from the start when the group has no offset yet,
    /// and commits only what its caller says is written (no automatic commit or offset store).
    /// </summary>
    public ConsumerConfig ToConsumerConfig(string groupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var config = new ConsumerConfig
        {
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            SessionTimeoutMs = SessionTimeoutMs,
            // The client builds a header list and a timestamp for every record unless told not to;
            // plays carry neither (and a 0.9 broker has none), only the topic tells input from repartition.
            ConsumeResultFields = "topic",
            // A partition whose prefetched records pass queued.min.messages is not fetched again
            // for this long. The client's 1 s default left a member that reads slower than the
            // broker sends with nothing to read for about a third of a catch-up (2M plays: 15 s
            // from first record to last against 8 s with 50 ms). The prefetch bound is unchanged.
            FetchQueueBackoffMs = ConsumerFetchQueueBackoffMs,
        };
        ApplyCommon(config);
        return config;
    }

    /// <summary>How long a consumer waits before fetching again for a partition whose prefetch is full (<c>fetch.queue.backoff.ms</c>).</summary>
    public const int ConsumerFetchQueueBackoffMs = 50;

    public AdminClientConfig ToAdminConfig()
    {
        var config = new AdminClientConfig();
        ApplyCommon(config);
        return config;
    }

    /// <summary>Every setting with secrets shown as <c>***</c>, safe for logs and error messages.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append("bootstrap.servers=").Append(BootstrapServers);
        Append(text, "security.protocol", SecurityProtocol);
        Append(text, "sasl.mechanism", SaslMechanism);
        Append(text, "sasl.username", SaslUsername);
        Append(text, "sasl.password", SaslPassword);
        Append(text, "ssl.ca.location", SslCaLocation);
        Append(text, "session.timeout.ms", SessionTimeoutMs.ToString(CultureInfo.InvariantCulture));
        foreach (var (key, value) in ExtraProperties)
            Append(text, key, value);
        Append(text, "zookeeper", ZooKeeperConnect);
        return text.ToString();
    }

    /// <summary>Whether a property holds a secret: passwords, keys, tokens and JAAS configs.</summary>
    public static bool IsSecret(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Contains("password", StringComparison.OrdinalIgnoreCase)
            || key.Contains("secret", StringComparison.OrdinalIgnoreCase)
            || key.Contains("jaas", StringComparison.OrdinalIgnoreCase)
            || key.Contains("token", StringComparison.OrdinalIgnoreCase)
            || key.EndsWith(".key.pem", StringComparison.OrdinalIgnoreCase)
            || key.Equals("ssl.key.pem", StringComparison.OrdinalIgnoreCase)
            || key.Equals("ssl_key", StringComparison.OrdinalIgnoreCase);
    }

    private static void Append(StringBuilder text, string key, string? value)
    {
        if (value is null)
            return;
        text.Append(';').Append(key).Append('=').Append(IsSecret(key) ? "***" : value);
    }

    private void ApplyCommon(ClientConfig config)
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
            throw new InvalidOperationException("Kafka bootstrap servers are not set");
        config.BootstrapServers = BootstrapServers;
        config.ClientId = ClientId;
        if (SecurityProtocol is not null)
            config.Set("security.protocol", SecurityProtocol);
        if (SaslMechanism is not null)
            config.Set("sasl.mechanism", SaslMechanism);
        if (SaslUsername is not null)
            config.SaslUsername = SaslUsername;
        if (SaslPassword is not null)
            config.SaslPassword = SaslPassword;
        if (SslCaLocation is not null)
            config.SslCaLocation = SslCaLocation;
        foreach (var (key, value) in ExtraProperties)
            config.Set(key, value);
    }
}
