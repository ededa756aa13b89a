using Playstream.Elasticsearch.Transport;

namespace Playstream.Elasticsearch.Bulk;

/// <summary>
/// Indexes documents in bounded bulk requests. The transport retries whole requests
/// (429, 5xx, no connection); this class retries the items a successful request still
/// refused for load (429) or unavailability (503), and reports every other refused item.
/// </summary>
internal sealed class BulkIndexer
{
    private const string NdJson = "application/x-ndjson";

    private readonly EsTransport _transport;
    private readonly EsRequestShapes _shapes;
    private readonly int _maxBytes;
    private readonly int _maxDocuments;

    public BulkIndexer(EsTransport transport, EsRequestShapes shapes, int maxBytes, int maxDocuments)
    {
        _transport = transport;
        _shapes = shapes;
        _maxBytes = maxBytes;
        _maxDocuments = maxDocuments;
    }

    public async Task<BulkResult> IndexAsync(string index, IEnumerable<BulkDocument> documents, CancellationToken cancellationToken)
    {
        var failures = new List<BulkItemFailure>();
        long indexed = 0;
        long superseded = 0;
        int requests = 0;
        using var body = new BulkBodyWriter(_shapes, index);
        foreach (var original in documents)
        {
            if (!BulkBodyWriter.TryMakeSingleLine(original.Source, out var source, out string? error))
            {
                failures.Add(new BulkItemFailure(original.Id, 400, "invalid_document", error!));
                continue;
            }
            var document = original with { Source = source };
            int size = body.Prepare(document);
            if (body.Count > 0 && (body.Count >= _maxDocuments || body.Bytes + size > _maxBytes))
            {
                (long ok, long old, int sent) = await SendAsync(body, index, failures, cancellationToken).ConfigureAwait(false);
                indexed += ok;
                superseded += old;
                requests += sent;
                body.Clear();
            }
            body.AppendPrepared(document);
        }
        if (body.Count > 0)
        {
            (long ok, long old, int sent) = await SendAsync(body, index, failures, cancellationToken).ConfigureAwait(false);
            indexed += ok;
            superseded += old;
            requests += sent;
        }
        return new BulkResult(indexed, failures, requests, superseded);
    }

    /// <summary>
    /// Sends one body made by the caller (see <see cref="BulkBodyWriter.AppendItem"/>), retrying the
    /// items refused with 429/503 as <see cref="IndexAsync"/> does.
    /// </summary>
    public async Task<BulkResult> SendAsync(BulkBodyWriter body, string index, CancellationToken cancellationToken)
    {
        var failures = new List<BulkItemFailure>();
        (long indexed, long superseded, int requests) = await SendAsync(body, index, failures, cancellationToken).ConfigureAwait(false);
        return new BulkResult(indexed, failures, requests, superseded);
    }

    // Sends one body, then re-sends only its retryable refused items until none is left or
    // the attempts run out. Returns the items indexed, those superseded by a higher stored
    // version, and the requests made.
    private async Task<(long Indexed, long Superseded, int Requests)> SendAsync(
        BulkBodyWriter body, string index, List<BulkItemFailure> failures, CancellationToken cancellationToken)
    {
        long indexed = 0;
        long superseded = 0;
        int requests = 0;
        var pending = body;
        // Two bodies for retries, made only once an item is refused: a round's refused items are
        // copied into the one not being read.
        BulkBodyWriter? retryBody = null;
        BulkBodyWriter? otherRetryBody = null;
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                var response = await _transport
                    .SendAsync(HttpMethod.Post, "_bulk", pending.Body, "bulk", cancellationToken, NdJson)
                    .ConfigureAwait(false);
                if (!response.IsSuccess)
                {
                    throw EsErrors.Refused("bulk", response);
                }
                requests++;
                var errors = BulkResponseParser.Parse(response.Body, pending.Count);
                indexed += pending.Count - errors.Count;
                var retry = new List<int>();
                var retryStatuses = new List<int>();
                foreach (var error in errors)
                {
                    if (error.Status == 409 && pending.ItemHasVersion(error.Position))
                    {
                        superseded++;
                        continue;
                    }
                    var failure = new BulkItemFailure(pending.ItemId(error.Position), error.Status, error.ErrorType, error.Reason);
                    if (failure.IsRetryable && attempt < _transport.Retry.MaxAttempts)
                    {
                        retry.Add(error.Position);
                        retryStatuses.Add(error.Status);
                    }
                    else
                    {
                        failures.Add(failure);
                    }
                }
                if (retry.Count == 0)
                {
                    return (indexed, superseded, requests);
                }
                var notice = new RetryNotice(
                    "bulk", new Uri(response.Url, "/"), attempt + 1, _transport.Retry.MaxAttempts, _transport.Retry.DelayBeforeRetry(attempt),
                    retryStatuses.Max(), $"{retry.Count} of {pending.Count} items refused with 429/503");
                await _transport.WaitBeforeRetryAsync(notice, cancellationToken).ConfigureAwait(false);
                var next = ReferenceEquals(pending, retryBody)
                    ? otherRetryBody ??= new BulkBodyWriter(_shapes, index)
                    : retryBody ??= new BulkBodyWriter(_shapes, index);
                next.Clear();
                foreach (var position in retry)
                {
                    next.AppendItem(pending.Item(position).Span);
                }
                pending = next;
            }
        }
        finally
        {
            retryBody?.Dispose();
            otherRetryBody?.Dispose();
        }
    }
}
