namespace Playstream.Settings.Tests;

public sealed class SettingsProblemsTests
{
    [Fact]
    public void Defaults_have_no_problem() => Assert.Empty(SettingsProblems.Of(new PlaystreamSettings()));

    // Each bad setting on its own, over the defaults, and the one line that names it.
    [Theory]
    [InlineData("kafka.bootstrapServers", " ", "kafka.bootstrapServers: empty; give host:port[,host:port] (--bootstrap)")]
    [InlineData("kafka.bootstrapServers", "nohostport", "kafka.bootstrapServers: 'nohostport' is not host:port")]
    [InlineData("kafka.bootstrapServers", "a:9092,b:0", "kafka.bootstrapServers: 'b:0' is not host:port")]
    [InlineData("kafka.bootstrapServers", "a:65536", "kafka.bootstrapServers: 'a:65536' is not host:port")]
    [InlineData("kafka.saslMechanism", "PLAIN", "kafka.saslUsername: needed when kafka.saslMechanism is set")]
    [InlineData("redis.endpoint", "", "redis.endpoint: empty; give host:port (--redis)")]
    [InlineData("redis.keyPrefix", "my app:", "redis: the key prefix 'my app:' contains white space")]
    [InlineData("elasticsearch.urls", "ftp://x", "elasticsearch.urls: 'ftp://x' is not an http(s) URL (--es-url)")]
    [InlineData("elasticsearch.urls", "http://a:9200,es2:9200", "elasticsearch.urls: 'es2:9200' is not an http(s) URL (--es-url)")]
    [InlineData("elasticsearch.urls", ",", "elasticsearch.urls: '' is not an http(s) URL (--es-url)")]
    [InlineData("elasticsearch.username", "elastic", "elasticsearch.password: needed with elasticsearch.username")]
    [InlineData("elasticsearch.apiKey+username", "key", "elasticsearch.apiKey: give either an API key or a username, not both")]
    [InlineData("elasticsearch.indexPrefix", "Upper", "elasticsearch.indexPrefix: 'Upper' must be lowercase letters, digits, '-' or '_'")]
    [InlineData("elasticsearch.indexPrefix", "_x", "elasticsearch.indexPrefix: '_x' must be lowercase letters, digits, '-' or '_'")]
    public void Each_bad_setting_is_one_line_naming_it(string setting, string value, string expected)
    {
        var settings = new PlaystreamSettings();
        switch (setting)
        {
            case "kafka.bootstrapServers": settings.Kafka.BootstrapServers = value; break;
            case "kafka.saslMechanism": settings.Kafka.SaslMechanism = value; break;
            case "redis.endpoint": settings.Redis.Endpoint = value; break;
            case "redis.keyPrefix": settings.Redis.KeyPrefix = value; break;
            case "elasticsearch.urls": settings.Elasticsearch.Urls = value; break;
            case "elasticsearch.username": settings.Elasticsearch.Username = value; break;
            case "elasticsearch.apiKey+username":
                settings.Elasticsearch.ApiKey = value;
                settings.Elasticsearch.Username = "elastic";
                settings.Elasticsearch.Password = "secret";
                break;
            case "elasticsearch.indexPrefix": settings.Elasticsearch.IndexPrefix = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(setting));
        }

        Assert.Equal(expected, Assert.Single(SettingsProblems.Of(settings)));
    }

    [Fact]
    public void Good_settings_of_every_kind_have_no_problem()
    {
        var settings = new PlaystreamSettings();
        settings.Kafka.BootstrapServers = "broker1:9092, broker2:9093";
        settings.Kafka.SaslMechanism = "PLAIN";
        settings.Kafka.SaslUsername = "user";
        settings.Redis.Endpoint = "cache.example:6380";
        settings.Elasticsearch.Urls = "https://es1:9200, http://es2:9200";
        settings.Elasticsearch.Username = "elastic";
        settings.Elasticsearch.Password = "secret";
        settings.Elasticsearch.IndexPrefix = "music-2_a";

        Assert.Empty(SettingsProblems.Of(settings));
    }

    [Fact]
    public void Only_the_sections_a_command_uses_are_checked()
    {
        var settings = new PlaystreamSettings();
        settings.Kafka.BootstrapServers = "nohostport";
        settings.Redis.Endpoint = "";
        settings.Elasticsearch.Urls = "ftp://x";

        Assert.Equal(["kafka.bootstrapServers: 'nohostport' is not host:port"], SettingsProblems.Of(settings, SettingsSections.Kafka));
        Assert.Equal(["redis.endpoint: empty; give host:port (--redis)"], SettingsProblems.Of(settings, SettingsSections.Redis));
        Assert.Equal(3, SettingsProblems.Of(settings).Count);
    }
}
