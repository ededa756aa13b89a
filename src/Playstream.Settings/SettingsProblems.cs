namespace Playstream.Cli.Settings;

/// <summary>Checks settings before anything connects: one line per problem, naming the setting.</summary>
public static class SettingsProblems
{
    public static IReadOnlyList<string> Of(PlaystreamSettings settings)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(settings.Kafka.BootstrapServers))
            problems.Add("kafka.bootstrapServers: empty; give host:port[,host:port] (--bootstrap)");
        else
            foreach (var server in settings.Kafka.BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
                if (!IsHostPort(server))
                    problems.Add($"kafka.bootstrapServers: '{server}' is not host:port");
        if (settings.Kafka.SaslMechanism is not null && settings.Kafka.SaslUsername is null)
            problems.Add("kafka.saslUsername: needed when kafka.saslMechanism is set");
        if (string.IsNullOrWhiteSpace(settings.Redis.Endpoint))
            problems.Add("redis.endpoint: empty; give host:port (--redis)");
        else
            try
            {
                ConnectionOptions.Redis(settings).Validate();
            }
            catch (ArgumentException e)
            {
                problems.Add($"redis: {e.Message}");
            }
        foreach (var url in settings.Elasticsearch.Urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty(""))
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                problems.Add($"elasticsearch.urls: '{url}' is not an http(s) URL (--es-url)");
        if (settings.Elasticsearch.ApiKey is not null && settings.Elasticsearch.Username is not null)
            problems.Add("elasticsearch.apiKey: give either an API key or a username, not both");
        if (settings.Elasticsearch.Username is not null && settings.Elasticsearch.Password is null)
            problems.Add("elasticsearch.password: needed with elasticsearch.username");
        if (!IsIndexPrefix(settings.Elasticsearch.IndexPrefix))
            problems.Add($"elasticsearch.indexPrefix: '{settings.Elasticsearch.IndexPrefix}' must be lowercase letters, digits, '-' or '_'");
        return problems;
    }

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;
    }

    private static bool IsIndexPrefix(string prefix) =>
        prefix.Length > 0 && prefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_') && prefix[0] is not ('-' or '_');
}
