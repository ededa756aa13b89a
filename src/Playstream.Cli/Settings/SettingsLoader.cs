using System.Text.Json;
using Playstream.Core.Engine;

namespace Playstream.Cli.Settings;

/// <summary>
/// Reads the settings file and the environment into <see cref="PlaystreamSettings"/>; the
/// command line is applied on top by <see cref="ConnectionOptions"/>.
/// </summary>
public static class SettingsLoader
{
    public const string FileVariable = "PLAYSTREAM_SETTINGS";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static PlaystreamSettings Load(string? file, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        file ??= environment(FileVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var settings = file is null ? new PlaystreamSettings() : ReadFile(file);
        ApplyEnvironment(settings, environment);
        return settings;
    }

    private static PlaystreamSettings ReadFile(string file)
    {
        if (!File.Exists(file))
            throw new SettingsException($"settings: file '{file}' does not exist");
        try
        {
            return JsonSerializer.Deserialize<PlaystreamSettings>(File.ReadAllText(file), Json) ?? new PlaystreamSettings();
        }
        catch (JsonException ex)
        {
            throw new SettingsException($"settings: '{file}' is not valid settings JSON: {ex.Message}", ex);
        }
    }

    /// <summary>The variables the local stack and the other verbs use; each overrides the file.</summary>
    private static void ApplyEnvironment(PlaystreamSettings s, Func<string, string?> env)
    {
        Set(env("PLAYSTREAM_KAFKA"), v => s.Kafka.BootstrapServers = v);
        Set(env("PLAYSTREAM_ZOOKEEPER"), v => s.Kafka.ZooKeeper = v);
        Set(env("PLAYSTREAM_KAFKA_HOME"), v => s.Kafka.KafkaHome = v);
        Set(env("PLAYSTREAM_KAFKA_SASL_USERNAME"), v => s.Kafka.SaslUsername = v);
        Set(env("PLAYSTREAM_KAFKA_SASL_PASSWORD"), v => s.Kafka.SaslPassword = v);
        Set(env("PLAYSTREAM_KAFKA_PROPERTIES"), v =>
        {
            foreach (var pair in v.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = pair.IndexOf('=');
                if (eq <= 0)
                    throw new SettingsException($"PLAYSTREAM_KAFKA_PROPERTIES: '{pair}' is not KEY=VALUE");
                s.Kafka.Properties[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
            }
        });
        Set(env("PLAYSTREAM_REDIS"), v => s.Redis.Endpoint = v);
        Set(env("PLAYSTREAM_REDIS_PASSWORD"), v => s.Redis.Password = v);
        Set(env("PLAYSTREAM_REDIS_PREFIX"), v => s.Redis.KeyPrefix = v);
        Set(env("PLAYSTREAM_ES_URL"), v => s.Elasticsearch.Urls = v);
        Set(env("PLAYSTREAM_ES_USERNAME"), v => s.Elasticsearch.Username = v);
        Set(env("PLAYSTREAM_ES_PASSWORD"), v => s.Elasticsearch.Password = v);
        Set(env("PLAYSTREAM_ES_API_KEY"), v => s.Elasticsearch.ApiKey = v);
        Set(env("PLAYSTREAM_ES_PREFIX"), v => s.Elasticsearch.IndexPrefix = v);
    }

    private static void Set(string? value, Action<string> apply)
    {
        if (!string.IsNullOrEmpty(value))
            apply(value);
    }
}
