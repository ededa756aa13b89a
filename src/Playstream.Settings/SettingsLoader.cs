using System.Text.Json;
using System.Text.Json.Nodes;
using Playstream.Core.Engine;

namespace Playstream.Cli.Settings;

/// <summary>
/// Reads the settings' layers into <see cref="PlaystreamSettings"/>, each over the one before: the
/// defaults, what the local stack recorded (<see cref="StackClientSettings"/>), the settings file, the
/// environment, and the command line (applied by <see cref="ConnectionOptions"/>).
/// </summary>
public static class SettingsLoader
{
    public const string FileVariable = "PLAYSTREAM_SETTINGS";

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly JsonNodeOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    /// <param name="file">The settings file, or null for <c>PLAYSTREAM_SETTINGS</c> (or none).</param>
    /// <param name="environment">The variables; the process's when null.</param>
    /// <param name="options">Applies the command line's settings, over the environment's.</param>
    public static PlaystreamSettings Load(string? file, Func<string, string?>? environment = null, Action<PlaystreamSettings>? options = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        file ??= environment(FileVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
        var stack = StackClientSettings.Find(environment);
        var settings = ReadFile(file, stack);
        ApplyEnvironment(settings, environment);
        options?.Invoke(settings);
        stack?.CompleteKafka(settings.Kafka);
        return settings;
    }

    /// <summary>The file's settings, over the stack's server addresses where the file gives none.</summary>
    private static PlaystreamSettings ReadFile(string? file, StackClientSettings? stack)
    {
        if (file is not null && !File.Exists(file))
            throw new SettingsException($"settings: file '{file}' does not exist");
        try
        {
            var json = file is null
                ? new JsonObject(CaseInsensitive)
                : JsonNode.Parse(File.ReadAllText(file), CaseInsensitive, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                  ?? throw new JsonException("the file holds no JSON object");
            if (stack is not null)
            {
                AddIfAbsent(json, "kafka", "bootstrapServers", stack.Recorded.Kafka.BootstrapServers);
                AddIfAbsent(json, "redis", "endpoint", stack.Recorded.Redis.Endpoint);
                AddIfAbsent(json, "elasticsearch", "urls", stack.Recorded.Elasticsearch.Urls);
            }
            return json.Deserialize<PlaystreamSettings>(Json) ?? new PlaystreamSettings();
        }
        catch (JsonException ex)
        {
            throw new SettingsException($"settings: '{file}' is not valid settings JSON: {ex.Message}", ex);
        }
    }

    private static void AddIfAbsent(JsonObject json, string section, string key, string value)
    {
        if (!json.TryGetPropertyValue(section, out var node))
            json[section] = node = new JsonObject(CaseInsensitive);
        // Anything else than an object is left for the deserializer to report.
        if (node is JsonObject values && !values.ContainsKey(key))
            values[key] = value;
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
