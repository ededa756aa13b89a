namespace Playstream.Elasticsearch.Bulk;

/// <summary>A failed item of a bulk response, by its position in the request.</summary>
internal readonly record struct BulkItemError(int Position, int Status, string ErrorType, string Reason);
