namespace Playstream.Elasticsearch.Bulk;

/// <summary>What a bulk indexing call achieved.</summary>
/// <param name="Indexed">Documents the server accepted (created or replaced).</param>
/// <param name="Failures">Documents that were not indexed, each with its reason.</param>
/// <param name="Requests">Bulk HTTP requests that got an answer, item retries included.</param>
/// <param name="Superseded">Versioned documents the server kept its own (higher-versioned) copy of.</param>
public sealed record BulkResult(long Indexed, IReadOnlyList<BulkItemFailure> Failures, int Requests, long Superseded = 0)
{
    public bool HasFailures => Failures.Count > 0;
}
