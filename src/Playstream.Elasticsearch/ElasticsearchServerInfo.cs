using System.Text.Json;

namespace Playstream.Elasticsearch;

/// <summary>What <c>GET /</c> says about the server.</summary>
/// <param name="Distribution">Elasticsearch or OpenSearch.</param>
/// <param name="Version">The full version string, e.g. "2.4.1".</param>
/// <param name="MajorVersion">The version's first number.</param>
public sealed record ElasticsearchServerInfo(SearchDistribution Distribution, string Version, int MajorVersion)
{
    /// <summary>Reads the answer to <c>GET /</c>. OpenSearch names itself in
    /// <c>version.distribution</c>; Elasticsearch has no such field.</summary>
    public static ElasticsearchServerInfo Parse(ReadOnlySpan<byte> rootResponse)
    {
        try
        {
            var reader = new Utf8JsonReader(rootResponse);
            using var document = JsonDocument.ParseValue(ref reader);
            if (!document.RootElement.TryGetProperty("version", out var version) ||
                !version.TryGetProperty("number", out var number) || number.ValueKind != JsonValueKind.String)
            {
                throw new ElasticsearchException("the server's root answer has no version.number: is this Elasticsearch?");
            }
            string text = number.GetString()!;
            var distribution = version.TryGetProperty("distribution", out var name) &&
                               name.ValueKind == JsonValueKind.String &&
                               string.Equals(name.GetString(), "opensearch", StringComparison.OrdinalIgnoreCase)
                ? SearchDistribution.OpenSearch
                : SearchDistribution.Elasticsearch;
            int dot = text.IndexOf('.');
            if (!int.TryParse(dot < 0 ? text : text[..dot], out int major))
            {
                throw new ElasticsearchException($"cannot read the server version '{text}'");
            }
            return new ElasticsearchServerInfo(distribution, text, major);
        }
        catch (JsonException e)
        {
            throw new ElasticsearchException("the server's root answer is not JSON: is this Elasticsearch?", e);
        }
    }
}
