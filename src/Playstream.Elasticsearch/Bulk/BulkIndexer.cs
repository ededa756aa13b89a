using Playstream.Elasticsearch.Transport;
using Polly;

namespace Playstream.Elasticsearch.Bulk;

/// <summary>
/// Indexes documents in bounded bulk requests. The transport retries whole requests
/// (429, 5xx, no connection); this class retries, on the same settings, the items a successful
/// request still refused for load (429) or unavailability (503), and reports every other refused item.
/// </summary>
internal sealed class BulkIndexer
{
    private const string NdJson = "application/x-ndjson";

    private readonly EsTransport _transport;
    private readonly EsRequestShapes _shapes;
    private readonly int _maxBytes;
    private readonly int _maxDocuments;
    private readonly ResiliencePipeline<Round> _itemRetries;

    public BulkIndexer(EsTransport transport, EsRequestShapes shapes, int maxBytes, int maxDocuments)
    {
        _transport = transport;
        _itemRetries = transport.Pipeline<Round>(round => round.Refused.Count > 0, (round, next, delay) => round.Notice(next, transport.Retry.MaxAttempts, delay));
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

    // Sends one body, then re-sends only its retryable refused items, on the client's retry
    // settings, until none is left or the attempts run out: the items still refused then are
    // failures. Returns the items indexed, those superseded by a higher stored version, and the
    // requests made.
    private async Task<(long Indexed, long Superseded, int Requests)> SendAsync(
        BulkBodyWriter body, string index, List<BulkItemFailure> failures, CancellationToken cancellationToken)
    {
        using var rounds = new Rounds(this, body, index, failures);
        var last = await _itemRetries
            .ExecuteAsync(token => new ValueTask<Round>(rounds.NextAsync(token)), cancellationToken)
            .ConfigureAwait(false);
        if (last.Refused.Count > 0)
        {
            // The retries end early only when the caller stops them: that is no failure of the items.
            cancellationToken.ThrowIfCancellationRequested();
            failures.AddRange(last.Refused.Select(r => r.Failure));
        }
        return (rounds.Indexed, rounds.Superseded, rounds.Requests);
    }

    /// <summary>What one round got back: the node, the items sent, and those refused for load or unavailability.</summary>
    private sealed record Round(Uri Node, int Sent, IReadOnlyList<(int Position, BulkItemFailure Failure)> Refused)
    {
        public RetryNotice Notice(int nextAttempt, int maxAttempts, TimeSpan delay) => new(
            "bulk", Node, nextAttempt, maxAttempts, delay,
            Refused.Max(r => r.Failure.Status), $"{Refused.Count} of {Sent} items refused with 429/503");
    }

    /// <summary>The rounds of one body: the first sends it whole, each later one only the items the one before had refused.</summary>
    private sealed class Rounds(BulkIndexer indexer, BulkBodyWriter body, string index, List<BulkItemFailure> failures) : IDisposable
    {
        private BulkBodyWriter _pending = body;
        // Two bodies for retries, made only once an item is refused: a round's refused items are
        // copied into the one not being read.
        private BulkBodyWriter? _retryBody;
        private BulkBodyWriter? _otherRetryBody;
        private Round? _last;

        public long Indexed { get; private set; }

        public long Superseded { get; private set; }

        public int Requests { get; private set; }

        public async Task<Round> NextAsync(CancellationToken cancellationToken)
        {
            if (_last is { Refused.Count: > 0 } last)
            {
                _pending = Copy(last.Refused);
            }
            var response = await indexer._transport
                .SendAsync(HttpMethod.Post, "_bulk", _pending.Body, "bulk", cancellationToken, NdJson)
                .ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw EsErrors.Refused("bulk", response);
            }
            Requests++;
            var errors = BulkResponseParser.Parse(response.Body, _pending.Count);
            Indexed += _pending.Count - errors.Count;
            var refused = new List<(int, BulkItemFailure)>();
            foreach (var error in errors)
            {
                if (error.Status == 409 && _pending.ItemHasVersion(error.Position))
                {
                    Superseded++;
                    continue;
                }
                var failure = new BulkItemFailure(_pending.ItemId(error.Position), error.Status, error.ErrorType, error.Reason);
                if (failure.IsRetryable)
                {
                    refused.Add((error.Position, failure));
                }
                else
                {
                    failures.Add(failure);
                }
            }
            return _last = new Round(new Uri(response.Url, "/"), _pending.Count, refused);
        }

        private BulkBodyWriter Copy(IReadOnlyList<(int Position, BulkItemFailure Failure)> items)
        {
            var next = ReferenceEquals(_pending, _retryBody)
                ? _otherRetryBody ??= new BulkBodyWriter(indexer._shapes, index)
                : _retryBody ??= new BulkBodyWriter(indexer._shapes, index);
            next.Clear();
            foreach (var (position, _) in items)
            {
                next.AppendItem(_pending.Item(position).Span);
            }
            return next;
        }

        public void Dispose()
        {
            _retryBody?.Dispose();
            _otherRetryBody?.Dispose();
        }
    }
}
