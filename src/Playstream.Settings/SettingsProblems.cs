namespace Playstream.Settings;

/// <summary>Checks settings before anything connects: one line per problem, naming the setting.</summary>
public static class SettingsProblems
{
    /// <param name="sections">The parts the command uses; the others are not its concern.</param>
    public static IReadOnlyList<string> Of(PlaystreamSettings settings, SettingsSections sections = SettingsSections.All)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = new List<string>();
        if (sections.HasFlag(SettingsSections.Kafka))
            Kafka(settings.Kafka, problems);
        if (sections.HasFlag(SettingsSections.Redis))
            Redis(settings, problems);
        if (sections.HasFlag(SettingsSections.Elasticsearch))
            Elasticsearch(settings.Elasticsearch, problems);
        return problems;
    }

    private static void Kafka(KafkaSettings kafka, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(kafka.BootstrapServers))
            problems.Add("kafka.bootstrapServers: empty; give host:port[,host:port] (--bootstrap)");
        else
            foreach (var server in kafka.BootstrapServers.Split(',', StringSplitOptions.TrimEntries))
                if (!IsHostPort(server))
                    problems.Add($"kafka.bootstrapServers: '{server}' is not host:port");
        if (kafka.SaslMechanism is not null && kafka.SaslUsername is null)
            problems.Add("kafka.saslUsername: needed when kafka.saslMechanism is set");
    }

    private static void Redis(PlaystreamSettings settings, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(settings.Redis.Endpoint))
        {
            problems.Add("redis.endpoint: empty; give host:port (--redis)");
            return;
        }
        try
        {
            ConnectorOptions.Redis(settings).Validate();
        }
        catch (ArgumentException e)
        {
            problems.Add($"redis: {e.Message}");
        }
    }

    private static void Elasticsearch(ElasticsearchSettings elasticsearch, List<string> problems)
    {
        foreach (var url in elasticsearch.Urls.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty(""))
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                problems.Add($"elasticsearch.urls: '{url}' is not an http(s) URL (--es-url)");
        if (elasticsearch.ApiKey is not null && elasticsearch.Username is not null)
            problems.Add("elasticsearch.apiKey: give either an API key or a username, not both");
        if (elasticsearch.Username is not null && elasticsearch.Password is null)
            problems.Add("elasticsearch.password: needed with elasticsearch.username");
        if (!IsIndexPrefix(elasticsearch.IndexPrefix))
            problems.Add($"elasticsearch.indexPrefix: '{elasticsearch.IndexPrefix}' must be lowercase letters, digits, '-' or '_'");
    }

    private static bool IsHostPort(string text)
    {
        var colon = text.LastIndexOf(':');
        return colon > 0 && int.TryParse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536;
    }

    private static bool IsIndexPrefix(string prefix) =>
        prefix.Length > 0 && prefix.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_') && prefix[0] is not ('-' or '_');
}
