using System.Text.Json;
using Playstream.Core.Engine;
using Playstream.TestSupport;

namespace Playstream.Settings.Tests;

/// <summary>The layers of the settings, each over the one before: the stack's record, the file, the environment, the options.</summary>
public sealed class SettingsLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>A stack record giving only Redis's address (its Kafka extras are <see cref="StackClientSettingsTests"/>'s concern).</summary>
    private string StackDir()
    {
        var dir = _folder.File("stack");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, StackClientSettings.FileName), """{ "redis": { "endpoint": "record:1" } }""");
        return dir;
    }

    private string SettingsFile(string json)
    {
        var file = _folder.File($"settings-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, json);
        return file;
    }

    private static KeyValuePair<string, string?>[] Options(params (string Key, string Value)[] values) =>
        [.. values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))];

    [Fact]
    public void Defaults_point_at_the_local_stack()
    {
        using var environment = new ScopedEnvironment();
        var s = SettingsLoader.Load(null);
        Assert.Equal("127.0.0.1:9092", s.Kafka.BootstrapServers);
        Assert.Equal("127.0.0.1:6379", s.Redis.Endpoint);
        Assert.Equal("http://127.0.0.1:9200", s.Elasticsearch.Urls);
        Assert.Equal("playstream:", s.Redis.KeyPrefix);
        Assert.Equal("playstream", s.Elasticsearch.IndexPrefix);
        Assert.Empty(s.Kafka.Properties);
        Assert.Empty(SettingsProblems.Of(s));
    }

    // One setting given by the first N layers: the highest of them wins.
    [Theory]
    [InlineData(1, "record:1")]
    [InlineData(2, "file:2")]
    [InlineData(3, "environment:3")]
    [InlineData(4, "options:4")]
    public void Each_layer_overrides_the_ones_below(int layers, string expected)
    {
        using var environment = new ScopedEnvironment(
            (StackClientSettings.StackDirVariable, StackDir()),
            ("PLAYSTREAM_REDIS", layers >= 3 ? "environment:3" : null));
        var file = layers >= 2 ? SettingsFile("""{ "redis": { "endpoint": "file:2" } }""") : null;
        var options = layers >= 4 ? Options((SettingKeys.RedisEndpoint, "options:4")) : null;

        Assert.Equal(expected, SettingsLoader.Load(file, options).Redis.Endpoint);
    }

    [Fact]
    public void Each_layer_keeps_what_the_ones_above_leave_unset()
    {
        using var environment = new ScopedEnvironment(
            (StackClientSettings.StackDirVariable, StackDir()),
            ("PLAYSTREAM_ES_URL", "http://environment:9200"));
        var file = SettingsFile("""{ "kafka": { "bootstrapServers": "file:9092" }, "elasticsearch": { "indexPrefix": "fromfile" } }""");

        var s = SettingsLoader.Load(file, Options((SettingKeys.ElasticsearchIndexPrefix, "fromoptions")));

        Assert.Equal("record:1", s.Redis.Endpoint);                    // the record
        Assert.Equal("file:9092", s.Kafka.BootstrapServers);           // the file
        Assert.Equal("http://environment:9200", s.Elasticsearch.Urls); // the environment
        Assert.Equal("fromoptions", s.Elasticsearch.IndexPrefix);      // the options, over the file
        Assert.Equal("playstream:", s.Redis.KeyPrefix);                // the default
    }

    [Fact]
    public void The_file_sets_every_section_and_the_environment_overrides_it_key_by_key()
    {
        using var environment = new ScopedEnvironment(("PLAYSTREAM_REDIS", "other:6380"), ("PLAYSTREAM_KAFKA_PROPERTIES", "linger.ms=5;acks=all"));
        var file = SettingsFile("""
            {
              // comments are fine
              "kafka": { "bootstrapServers": "k1:9092,k2:9092", "properties": { "security.protocol": "SASL_SSL", "acks": "1" }, "saslMechanism": "PLAIN", "saslUsername": "u", "saslPassword": "p" },
              "redis": { "endpoint": "r:6379", "password": "secret", "tls": true },
              "elasticsearch": { "urls": "https://es1:9200,https://es2:9200", "apiKey": "key", "indexPrefix": "music" },
            }
            """);

        var s = SettingsLoader.Load(file);

        Assert.Equal("k1:9092,k2:9092", s.Kafka.BootstrapServers);
        Assert.Equal(new Dictionary<string, string> { ["security.protocol"] = "SASL_SSL", ["acks"] = "all", ["linger.ms"] = "5" }, s.Kafka.Properties);
        Assert.Equal("PLAIN", s.Kafka.SaslMechanism);
        Assert.Equal("p", s.Kafka.SaslPassword);
        Assert.Equal("other:6380", s.Redis.Endpoint);
        Assert.Equal("secret", s.Redis.Password);
        Assert.True(s.Redis.Tls);
        Assert.Equal("https://es1:9200,https://es2:9200", s.Elasticsearch.Urls);
        Assert.Equal("key", s.Elasticsearch.ApiKey);
        Assert.Equal("music", s.Elasticsearch.IndexPrefix);
        Assert.Empty(SettingsProblems.Of(s));
    }

    [Fact]
    public void Options_override_the_environments_kafka_properties_key_by_key()
    {
        using var environment = new ScopedEnvironment(("PLAYSTREAM_KAFKA_PROPERTIES", "linger.ms=5;acks=all"));

        var s = SettingsLoader.Load(null, SettingKeys.KafkaPropertyPairs(["acks=1", "client.id=bench"], "--kafka-property"));

        Assert.Equal(new Dictionary<string, string> { ["linger.ms"] = "5", ["acks"] = "1", ["client.id"] = "bench" }, s.Kafka.Properties);
    }

    [Fact]
    public void The_file_is_PLAYSTREAM_SETTINGS_unless_one_is_given()
    {
        var fromVariable = SettingsFile("""{ "redis": { "keyPrefix": "variable:" } }""");
        var given = SettingsFile("""{ "redis": { "keyPrefix": "given:" } }""");
        using var environment = new ScopedEnvironment((SettingsVariables.SettingsFile, fromVariable));

        Assert.Equal("variable:", SettingsLoader.Load(null).Redis.KeyPrefix);
        Assert.Equal("given:", SettingsLoader.Load(given).Redis.KeyPrefix);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        using var environment = new ScopedEnvironment();
        var missing = _folder.File("none.json");

        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Load(missing));

        Assert.Equal($"settings: file '{missing}' does not exist", error.Message);
    }

    [Theory]
    [InlineData("{ \"kafka\": ", "Expected depth to be zero")]
    [InlineData("[ 1 ]", "Top-level JSON element must be an object")]
    [InlineData("{ \"Redis\": { \"endpoint\": \"a:1\" }, \"redis\": { \"endpoint\": \"b:1\" } }", "duplicate key 'redis:endpoint'")]
    public void A_file_that_is_not_settings_json_is_one_line_naming_it_and_why(string json, string why)
    {
        using var environment = new ScopedEnvironment();
        var file = SettingsFile(json);

        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Load(file));

        Assert.StartsWith($"settings: '{file}' is not valid settings JSON: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_value_that_is_not_of_its_settings_type_is_one_line_naming_the_setting()
    {
        using var environment = new ScopedEnvironment();
        var file = SettingsFile("""{ "redis": { "tls": "yes" } }""");

        var error = Assert.Throws<SettingsException>(() => SettingsLoader.Load(file));

        Assert.StartsWith("settings: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Redis:Tls'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Settings_written_as_json_read_back_the_same_unset_ones_included()
    {
        // What `bench scale` hands its children: the settings serialized, the unset ones as null.
        using var environment = new ScopedEnvironment();
        var written = new PlaystreamSettings();
        written.Kafka.BootstrapServers = "k:1";
        written.Kafka.Properties["linger.ms"] = "5";
        written.Redis.Password = "secret";
        written.Elasticsearch.AllowInvalidCertificates = true;
        var file = SettingsFile(JsonSerializer.Serialize(written));

        var read = SettingsLoader.Load(file);

        Assert.Equal(JsonSerializer.Serialize(written), JsonSerializer.Serialize(read));
        Assert.Null(read.Kafka.SaslMechanism);
        Assert.Empty(SettingsProblems.Of(read));
    }
}
