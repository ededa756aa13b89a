namespace Playstream.Elasticsearch.Bulk;

/// <summary>A document that was not indexed, with the server's reason.</summary>
/// <param name="Id">The document id.</param>
/// <param name="Status">The item's HTTP status (400 for a document the client could not send).</param>
/// <param name="ErrorType">The error type, e.g. "mapper_parsing_exception".</param>
/// <param name="Reason">The error reason, with its cause where the server gives one.</param>
public sealed record BulkItemFailure(string Id, int Status, string ErrorType, string Reason)
{
    /// <summary>Whether the item was refused for load (429) or unavailability (503) and may succeed later.</summary>
    public bool IsRetryable => Status is 429 or 503;
}
