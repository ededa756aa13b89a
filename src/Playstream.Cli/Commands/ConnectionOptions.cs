using System.CommandLine;
using Playstream.Core.Engine;
using Playstream.Elasticsearch;
using Playstream.Kafka.Configuration;
using Playstream.Redis;

namespace Playstream.Cli.Settings;

/// <summary>
/// The command-line half of the settings model: options that override the settings file and
/// the environment, and the connector options built from the result. Secrets given here are
/// never printed (each connector's options redact them).
/// </summary>
internal sealed class ConnectionOptions
{
    private readonly Option<string?> _settings = new("--settings") { Description = $"JSON settings file (env {SettingsLoader.FileVariable})" };
    private readonly Option<string?> _bootstrap = new("--bootstrap") { Description = "Kafka bootstrap servers host:port[,...] (env PLAYSTREAM_KAFKA)" };
    private readonly Option<string[]> _kafkaProperties = new("--kafka-property") { Description = "librdkafka property KEY=VALUE, repeatable (env PLAYSTREAM_KAFKA_PROPERTIES as k=v;k=v)" };
    private readonly Option<string?> _redis = new("--redis") { Description = "Redis host:port (env PLAYSTREAM_REDIS)" };
    private readonly Option<string?> _redisPassword = new("--redis-password") { Description = "Redis password (env PLAYSTREAM_REDIS_PASSWORD)" };
    private readonly Option<bool> _redisTls = new("--redis-tls") { Description = "Connect to Redis over TLS" };
    private readonly Option<string?> _redisPrefix = new("--redis-prefix") { Description = "Prefix of every Redis key (default playstream:)" };
    private readonly Option<string?> _esUrl = new("--es-url") { Description = "Elasticsearch/OpenSearch URL(s), comma-separated (env PLAYSTREAM_ES_URL)" };
    private readonly Option<string?> _esUser = new("--es-username") { Description = "Elasticsearch basic-auth user (env PLAYSTREAM_ES_USERNAME)" };
    private readonly Option<string?> _esPassword = new("--es-password") { Description = "Elasticsearch basic-auth password (env PLAYSTREAM_ES_PASSWORD)" };
    private readonly Option<string?> _esApiKey = new("--es-api-key") { Description = "Elasticsearch API key (env PLAYSTREAM_ES_API_KEY)" };
    private readonly Option<bool> _esInsecure = new("--es-insecure") { Description = "Accept any TLS certificate from Elasticsearch" };
    private readonly Option<string?> _indexPrefix = new("--index-prefix") { Description = "Prefix of every index name (default playstream)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _settings, _bootstrap, _kafkaProperties, _redis, _redisPassword, _redisTls, _redisPrefix, _esUrl, _esUser, _esPassword, _esApiKey, _esInsecure, _indexPrefix })
            command.Options.Add(option);
    }

    /// <summary>Only the settings file and the Redis options, for commands that talk to Redis alone (<c>load</c>).</summary>
    public void AddRedisTo(Command command)
    {
        foreach (var option in new Option[] { _settings, _redis, _redisPassword, _redisTls, _redisPrefix })
            command.Options.Add(option);
    }

    /// <summary>The stack's record, file, environment, then these options; throws a <see cref="SettingsException"/> naming the first bad setting.</summary>
    public PlaystreamSettings Read(ParseResult result)
    {
        var s = SettingsLoader.Load(result.GetValue(_settings), options: s => ApplyOptions(result, s));
        var problems = SettingsProblems.Of(s);
        if (problems.Count > 0)
            throw new SettingsException(problems[0]);
        return s;
    }

    private void ApplyOptions(ParseResult result, PlaystreamSettings s)
    {
        Set(result.GetValue(_bootstrap), v => s.Kafka.BootstrapServers = v);
        foreach (var pair in result.GetValue(_kafkaProperties) ?? [])
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0)
                throw new SettingsException($"--kafka-property: '{pair}' is not KEY=VALUE");
            s.Kafka.Properties[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        Set(result.GetValue(_redis), v => s.Redis.Endpoint = v);
        Set(result.GetValue(_redisPassword), v => s.Redis.Password = v);
        if (result.GetValue(_redisTls)) s.Redis.Tls = true;
        Set(result.GetValue(_redisPrefix), v => s.Redis.KeyPrefix = v);
        Set(result.GetValue(_esUrl), v => s.Elasticsearch.Urls = v);
        Set(result.GetValue(_esUser), v => s.Elasticsearch.Username = v);
        Set(result.GetValue(_esPassword), v => s.Elasticsearch.Password = v);
        Set(result.GetValue(_esApiKey), v => s.Elasticsearch.ApiKey = v);
        if (result.GetValue(_esInsecure)) s.Elasticsearch.AllowInvalidCertificates = true;
        Set(result.GetValue(_indexPrefix), v => s.Elasticsearch.IndexPrefix = v);
    }

    public static KafkaOptions Kafka(PlaystreamSettings s)
    {
        var options = new KafkaOptions
        {
            BootstrapServers = s.Kafka.BootstrapServers,
            SecurityProtocol = s.Kafka.SecurityProtocol,
            SaslMechanism = s.Kafka.SaslMechanism,
            SaslUsername = s.Kafka.SaslUsername,
            SaslPassword = s.Kafka.SaslPassword,
            SslCaLocation = s.Kafka.SslCaLocation,
            ZooKeeperConnect = s.Kafka.ZooKeeper,
            KafkaHome = s.Kafka.KafkaHome,
        };
        foreach (var (key, value) in s.Kafka.Properties)
            options.ExtraProperties[key] = value;
        return options;
    }

    public static RedisOptions Redis(PlaystreamSettings s) => new()
    {
        Endpoint = s.Redis.Endpoint,
        Password = s.Redis.Password,
        UseTls = s.Redis.Tls,
        KeyPrefix = s.Redis.KeyPrefix,
    };

    public static ElasticsearchOptions Elasticsearch(PlaystreamSettings s, Action<RetryNotice>? onRetry = null) => new()
    {
        Urls = s.Elasticsearch.Urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(u => new Uri(u)).ToList(),
        Username = s.Elasticsearch.Username,
        Password = s.Elasticsearch.Password,
        ApiKey = s.Elasticsearch.ApiKey,
        AllowInvalidCertificates = s.Elasticsearch.AllowInvalidCertificates,
        OnRetry = onRetry,
    };

    private static void Set(string? value, Action<string> apply)
    {
        if (!string.IsNullOrEmpty(value))
            apply(value);
    }
}
