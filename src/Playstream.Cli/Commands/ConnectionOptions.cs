using System.CommandLine;
using Playstream.Core.Engine;
using Playstream.Kafka.Configuration;
using Playstream.Settings;

namespace Playstream.Cli.Commands;

/// <summary>
/// The command-line layer of the settings (<see cref="SettingsLoader"/>): options that override the
/// local stack's record, the settings file and the environment, for the parts of the settings a verb
/// uses. Secrets given here are never printed (each connector's options redact them).
/// </summary>
internal sealed class ConnectionOptions
{
    private readonly Option<string?> _settings = new("--settings") { Description = $"JSON settings file (env {SettingsVariables.SettingsFile})" };
    private readonly Option<string?> _bootstrap = new("--bootstrap") { Description = "Kafka bootstrap servers host:port[,...] (env PLAYSTREAM_KAFKA)" };
    private readonly Option<string[]> _kafkaProperties = new("--kafka-property") { Description = $"librdkafka property KEY=VALUE, repeatable (env {SettingsVariables.KafkaProperties} as k=v;k=v)" };
    private readonly Option<string?> _zooKeeper = new("--zookeeper") { Description = "ZooKeeper host:port, for topic admin on Kafka before 0.10.1 (env PLAYSTREAM_ZOOKEEPER)" };
    private readonly Option<string?> _kafkaHome = new("--kafka-home") { Description = "Kafka distribution folder (holding libs/), for topic admin on Kafka before 0.10.1 (env PLAYSTREAM_KAFKA_HOME)" };
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

    private SettingsSections _sections;

    /// <summary>Every connection option: Kafka, Redis and Elasticsearch.</summary>
    public void AddTo(Command command) => Add(command, SettingsSections.All);

    /// <summary>Only the settings file and the Kafka options, for commands that talk to Kafka alone (<c>topic</c>, <c>ship</c>).</summary>
    public void AddKafkaTo(Command command) => Add(command, SettingsSections.Kafka);

    /// <summary>Only the settings file and the Redis options, for commands that talk to Redis alone (<c>load</c>).</summary>
    public void AddRedisTo(Command command) => Add(command, SettingsSections.Redis);

    private void Add(Command command, SettingsSections sections)
    {
        _sections = sections;
        command.Options.Add(_settings);
        if (sections.HasFlag(SettingsSections.Kafka))
            foreach (var option in new Option[] { _bootstrap, _kafkaProperties, _zooKeeper, _kafkaHome })
                command.Options.Add(option);
        if (sections.HasFlag(SettingsSections.Redis))
            foreach (var option in new Option[] { _redis, _redisPassword, _redisTls, _redisPrefix })
                command.Options.Add(option);
        if (sections.HasFlag(SettingsSections.Elasticsearch))
            foreach (var option in new Option[] { _esUrl, _esUser, _esPassword, _esApiKey, _esInsecure, _indexPrefix })
                command.Options.Add(option);
    }

    /// <summary>The stack's record, file, environment, then these options; throws a <see cref="SettingsException"/> naming the first bad setting of the parts the command uses.</summary>
    public PlaystreamSettings Read(ParseResult result)
    {
        var settings = SettingsLoader.Load(result.GetValue(_settings), Settings(result));
        var problems = SettingsProblems.Of(settings, _sections);
        if (problems.Count > 0)
            throw new SettingsException(problems[0]);
        return settings;
    }

    /// <summary>The Kafka options of <see cref="Read"/>'s settings.</summary>
    public KafkaOptions ReadKafka(ParseResult result) => ConnectorOptions.Kafka(Read(result));

    /// <summary>The options given, by setting key; a flag counts only when it is on, so that it never turns a lower layer's setting off.</summary>
    private IEnumerable<KeyValuePair<string, string?>> Settings(ParseResult result)
    {
        var settings = new List<KeyValuePair<string, string?>>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
                settings.Add(new(key, value));
        }
        if (_sections.HasFlag(SettingsSections.Kafka))
        {
            Add(SettingKeys.KafkaBootstrapServers, result.GetValue(_bootstrap));
            settings.AddRange(SettingKeys.KafkaPropertyPairs(result.GetValue(_kafkaProperties) ?? [], "--kafka-property"));
            Add(SettingKeys.KafkaZooKeeper, result.GetValue(_zooKeeper));
            Add(SettingKeys.KafkaHome, result.GetValue(_kafkaHome));
        }
        if (_sections.HasFlag(SettingsSections.Redis))
        {
            Add(SettingKeys.RedisEndpoint, result.GetValue(_redis));
            Add(SettingKeys.RedisPassword, result.GetValue(_redisPassword));
            Add(SettingKeys.RedisTls, result.GetValue(_redisTls) ? "true" : null);
            Add(SettingKeys.RedisKeyPrefix, result.GetValue(_redisPrefix));
        }
        if (_sections.HasFlag(SettingsSections.Elasticsearch))
        {
            Add(SettingKeys.ElasticsearchUrls, result.GetValue(_esUrl));
            Add(SettingKeys.ElasticsearchUsername, result.GetValue(_esUser));
            Add(SettingKeys.ElasticsearchPassword, result.GetValue(_esPassword));
            Add(SettingKeys.ElasticsearchApiKey, result.GetValue(_esApiKey));
            Add(SettingKeys.ElasticsearchAllowInvalidCertificates, result.GetValue(_esInsecure) ? "true" : null);
            Add(SettingKeys.ElasticsearchIndexPrefix, result.GetValue(_indexPrefix));
        }
        return settings;
    }
}
