using Playstream.Cli.Settings;
using Playstream.Core.Engine;
using Playstream.TestSupport;

namespace Playstream.Cli.Tests.Settings;

public sealed class SettingsLoaderTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Defaults_point_at_the_local_stack()
    {
        var s = SettingsLoader.Load(null, Env());
        Assert.Equal("127.0.0.1:9092", s.Kafka.BootstrapServers);
        Assert.Equal("127.0.0.1:6379", s.Redis.Endpoint);
        Assert.Equal("http://127.0.0.1:9200", s.Elasticsearch.Urls);
        Assert.Empty(SettingsProblems.Of(s));
    }

    [Fact]
    public void The_file_sets_values_and_the_environment_overrides_it()
    {
        using var folder = new TempFolder();
        var file = folder.File("settings.json");
        File.WriteAllText(file, """
            {
              // comments are fine
              "kafka": { "bootstrapServers": "k1:9092,k2:9092", "properties": { "security.protocol": "SASL_SSL" }, "saslMechanism": "PLAIN", "saslUsername": "u", "saslPassword": "p" },
              "redis": { "endpoint": "r:6379", "password": "secret", "tls": true },
              "elasticsearch": { "urls": "https://es1:9200,https://es2:9200", "apiKey": "key", "indexPrefix": "music" },
            }
            """);
        var s = SettingsLoader.Load(file, Env(("PLAYSTREAM_REDIS", "other:6380"), ("PLAYSTREAM_KAFKA_PROPERTIES", "linger.ms=5;acks=all")));
        Assert.Equal("k1:9092,k2:9092", s.Kafka.BootstrapServers);
        Assert.Equal("SASL_SSL", s.Kafka.Properties["security.protocol"]);
        Assert.Equal("5", s.Kafka.Properties["linger.ms"]);
        Assert.Equal("other:6380", s.Redis.Endpoint);
        Assert.Equal("secret", s.Redis.Password);
        Assert.True(s.Redis.Tls);
        Assert.Equal("music", s.Elasticsearch.IndexPrefix);
        Assert.Empty(SettingsProblems.Of(s));

        var kafka = ConnectionOptions.Kafka(s);
        Assert.Equal("u", kafka.SaslUsername);
        Assert.DoesNotContain("\"p\"", kafka.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ConnectionOptions.Redis(s).ToString(), StringComparison.Ordinal);
        Assert.Equal(2, ConnectionOptions.Elasticsearch(s).Urls.Count);
    }

    [Fact]
    public void A_missing_or_broken_file_names_itself()
    {
        using var folder = new TempFolder();
        var missing = Assert.Throws<SettingsException>(() => SettingsLoader.Load(folder.File("none.json"), Env()));
        Assert.Contains("none.json", missing.Message, StringComparison.Ordinal);
        File.WriteAllText(folder.File("bad.json"), "{ \"kafka\": ");
        var broken = Assert.Throws<SettingsException>(() => SettingsLoader.Load(folder.File("bad.json"), Env()));
        Assert.StartsWith("settings: ", broken.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kafka", "nohostport", "kafka.bootstrapServers")]
    [InlineData("es", "ftp://x", "elasticsearch.urls")]
    [InlineData("prefix", "Upper", "elasticsearch.indexPrefix")]
    public void Each_problem_is_one_line_naming_the_setting(string what, string value, string named)
    {
        var s = new PlaystreamSettings();
        switch (what)
        {
            case "kafka": s.Kafka.BootstrapServers = value; break;
            case "es": s.Elasticsearch.Urls = value; break;
            default: s.Elasticsearch.IndexPrefix = value; break;
        }
        var problem = Assert.Single(SettingsProblems.Of(s));
        Assert.StartsWith(named + ":", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void A_bad_setting_on_the_command_line_stops_process_before_it_connects()
    {
        using var folder = new TempFolder();
        var run = CliProcess.Run(folder.Path, "process", "--topic", "t", "--es-url", "not a url");
        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("playstream: elasticsearch.urls:", line, StringComparison.Ordinal);
    }
}
