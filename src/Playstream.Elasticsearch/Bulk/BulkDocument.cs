namespace Playstream.Elasticsearch.Bulk;

/// <summary>One document to index under a fixed id: indexing the same id again replaces the
/// document, which makes a replayed bulk an upsert rather than a duplicate.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Source">The document as UTF-8 JSON; pretty-printed JSON is made single-line before sending.</param>
/// <param name="Version">
/// Null for a plain replace. Otherwise an external version (<c>external_gte</c>): the server keeps
/// the stored document when it has a higher version, and the write counts as superseded, not failed.
/// Writers that may race with staler ones (several instances, each with its own view) use it to
/// let the most complete value win whatever the order the writes land in.
/// </param>
public readonly record struct BulkDocument(string Id, ReadOnlyMemory<byte> Source, long? Version = null);
