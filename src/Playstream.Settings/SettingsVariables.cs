using Microsoft.Extensions.Configuration;

namespace Playstream.Settings;

/// <summary>
/// The environment's layer of the settings. Every setting can be given as <c>PLAYSTREAM_</c> and its
/// key with <c>__</c> between section and name (<c>PLAYSTREAM_REDIS__TLS=true</c>), the configuration
/// library's own form; the settings set most often also have the short names that the stack scripts,
/// the tests and the docs use (<c>PLAYSTREAM_KAFKA</c>, <c>PLAYSTREAM_REDIS</c>...), which win over it.
/// </summary>
public static class SettingsVariables
{
    public const string Prefix = "PLAYSTREAM_";
    public const string SettingsFile = "PLAYSTREAM_SETTINGS";
    public const string KafkaProperties = "PLAYSTREAM_KAFKA_PROPERTIES";

    // A table in code: the environment variables provider only turns "__" into the section separator,
    // it cannot give PLAYSTREAM_KAFKA the key kafka:bootstrapServers.
    private static readonly (string Variable, string Key)[] ShortNames =
    [
        ("PLAYSTREAM_KAFKA", SettingKeys.KafkaBootstrapServers),
        ("PLAYSTREAM_ZOOKEEPER", SettingKeys.KafkaZooKeeper),
        ("PLAYSTREAM_KAFKA_HOME", SettingKeys.KafkaHome),
        ("PLAYSTREAM_KAFKA_SASL_USERNAME", SettingKeys.KafkaSaslUsername),
        ("PLAYSTREAM_KAFKA_SASL_PASSWORD", SettingKeys.KafkaSaslPassword),
        ("PLAYSTREAM_REDIS", SettingKeys.RedisEndpoint),
        ("PLAYSTREAM_REDIS_PASSWORD", SettingKeys.RedisPassword),
        ("PLAYSTREAM_REDIS_PREFIX", SettingKeys.RedisKeyPrefix),
        ("PLAYSTREAM_ES_URL", SettingKeys.ElasticsearchUrls),
        ("PLAYSTREAM_ES_USERNAME", SettingKeys.ElasticsearchUsername),
        ("PLAYSTREAM_ES_PASSWORD", SettingKeys.ElasticsearchPassword),
        ("PLAYSTREAM_ES_API_KEY", SettingKeys.ElasticsearchApiKey),
        ("PLAYSTREAM_ES_PREFIX", SettingKeys.ElasticsearchIndexPrefix),
    ];

    /// <summary>The process's <c>PLAYSTREAM_</c> variables as the environment variables provider reads them (the prefix taken off).</summary>
    public static IConfigurationRoot Read() => new ConfigurationBuilder().AddEnvironmentVariables(Prefix).Build();

    /// <summary>A variable's value, or null when it is unset or empty.</summary>
    public static string? Value(IConfiguration environment, string variable)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(variable);
        return environment[variable[Prefix.Length..]] is { Length: > 0 } value ? value : null;
    }

    /// <summary>
    /// The settings the short names give, by key; an empty variable counts as unset.
    /// <c>PLAYSTREAM_KAFKA_PROPERTIES</c> holds a list (<c>k=v;k=v</c>), which no provider splits.
    /// </summary>
    /// <exception cref="Core.Engine.SettingsException">A property in <c>PLAYSTREAM_KAFKA_PROPERTIES</c> is not KEY=VALUE.</exception>
    public static IEnumerable<KeyValuePair<string, string?>> ShortNameSettings(IConfiguration environment)
    {
        var settings = new List<KeyValuePair<string, string?>>();
        foreach (var (variable, key) in ShortNames)
            if (Value(environment, variable) is { } value)
                settings.Add(new(key, value));
        if (Value(environment, KafkaProperties) is { } properties)
            settings.AddRange(SettingKeys.KafkaPropertyPairs([properties], KafkaProperties));
        return settings;
    }
}
