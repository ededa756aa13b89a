using Playstream.Core.Results;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>Creates the result indices (once) and writes a set of results into them.</summary>
public sealed class ElasticsearchResultsWriter(ElasticsearchClient client, PlaystreamIndices indices)
{
    private bool _indicesReady;

    public async Task EnsureIndicesAsync(CancellationToken cancellationToken = default)
    {
        if (_indicesReady)
            return;
        foreach (var (index, mapping) in indices.ResultIndices())
            await client.EnsureIndexAsync(index, mapping, cancellationToken).ConfigureAwait(false);
        _indicesReady = true;
    }

    /// <summary>Writes every result; a document the server refuses is an error, never skipped.</summary>
    public async Task WriteAsync(AnalyticsResults results, CancellationToken cancellationToken = default)
    {
        await EnsureIndicesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (index, documents) in ResultDocuments.All(results, indices))
        {
            if (documents.Count == 0)
                continue;
            var written = await client.BulkIndexAsync(index, documents, cancellationToken).ConfigureAwait(false);
            if (written.HasFailures)
                throw new ElasticsearchException(
                    $"{written.Failures.Count} result document(s) refused by {index}: first {written.Failures[0].Id}: {written.Failures[0].Reason}");
        }
    }
}
