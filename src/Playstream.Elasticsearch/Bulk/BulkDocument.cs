namespace Playstream.Elasticsearch.Bulk;

/// <summary>One document to index under a fixed id: indexing the same id again replaces the
/// document, which makes a replayed bulk an upsert rather than a duplicate.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Source">The document as UTF-8 JSON; pretty-printed JSON is made single-line before sending.</param>
public readonly record struct BulkDocument(string Id, ReadOnlyMemory<byte> Source);
