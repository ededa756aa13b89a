namespace Playstream.Elasticsearch;

/// <summary>Which search engine answers: they share the REST API and differ in versions.</summary>
public enum SearchDistribution
{
    Elasticsearch,
    OpenSearch,
}
