namespace Playstream.Settings;

/// <summary>How to reach Elasticsearch or OpenSearch: the <c>elasticsearch</c> section of the settings.</summary>
public sealed class ElasticsearchSettings
{
    /// <summary>One or more base URLs, comma-separated.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:9200";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string? ApiKey { get; set; }
    public bool AllowInvalidCertificates { get; set; }
    public string IndexPrefix { get; set; } = "playstream";
}
