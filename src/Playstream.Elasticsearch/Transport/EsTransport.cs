using System.Net.Http.Headers;
using Polly;

namespace Playstream.Elasticsearch.Transport;

/// <summary>
/// Sends one request with bounded retries: an answer of 429 or 5xx, a refused or broken
/// connection, or a timed-out attempt is tried again after an exponential backoff, on the
/// next node when there are several. Any other answer goes back to the caller, and so does the
/// last one when the attempts run out.
/// </summary>
internal sealed class EsTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly Action<RetryNotice>? _onRetry;
    private readonly TimeProvider _time;
    private readonly ResiliencePipeline<Attempt> _requests;
    private int _nextUrl;

    public EsTransport(HttpClient http, IReadOnlyList<Uri> urls, RetryOptions retry, Action<RetryNotice>? onRetry, TimeProvider time)
    {
        _http = http;
        _urls = urls;
        Retry = retry;
        _onRetry = onRetry;
        _time = time;
        _requests = Pipeline<Attempt>(
            attempt => attempt.Failed,
            (attempt, next, delay) => new RetryNotice(attempt.Operation, attempt.Node, next, Retry.MaxAttempts, delay, attempt.Response?.StatusCode, attempt.Reason));
    }

    public RetryOptions Retry { get; }

    /// <summary>
    /// A pipeline on the client's retry settings: a call is tried again while
    /// <paramref name="retryWhen"/> says so of its result, and the caller's callback hears of
    /// each retry (the notice made from the result, the next attempt's number and the wait).
    /// </summary>
    public ResiliencePipeline<T> Pipeline<T>(Func<T, bool> retryWhen, Func<T, int, TimeSpan, RetryNotice> notice) =>
        Retry.Backoff.Pipeline<T>(
            outcome => outcome.Exception is null && retryWhen(outcome.Result!),
            args =>
            {
                // Polly counts attempts from 0: the one that failed is AttemptNumber, the next is 2 more.
                _onRetry?.Invoke(notice(args.Outcome.Result!, args.AttemptNumber + 2, args.RetryDelay));
                return default;
            },
            _time);

    public async Task<EsResponse> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        ReadOnlyMemory<byte>? body,
        string operation,
        CancellationToken cancellationToken,
        string contentType = "application/json")
    {
        var last = await _requests.ExecuteAsync(
            token => new ValueTask<Attempt>(TryOnceAsync(method, pathAndQuery, body, operation, contentType, token)),
            cancellationToken).ConfigureAwait(false);
        if (last.Response is { } response)
        {
            return response;
        }
        // The pipeline hands back a failed attempt early only when the caller stopped it.
        cancellationToken.ThrowIfCancellationRequested();
        throw new ElasticsearchException(
            $"elasticsearch at {last.Node} is unreachable after {Retry.MaxAttempts} attempts ({operation}): {last.Reason}",
            statusCode: null,
            last.Failure);
    }

    public static bool IsRetryableStatus(int status) => status == 429 || status >= 500;

    public void Dispose() => _http.Dispose();

    /// <summary>One attempt on the current node: its answer, or why there was none.</summary>
    private async Task<Attempt> TryOnceAsync(
        HttpMethod method, string pathAndQuery, ReadOnlyMemory<byte>? body, string operation, string contentType, CancellationToken cancellationToken)
    {
        Uri baseUrl = _urls[(int)((uint)Volatile.Read(ref _nextUrl) % (uint)_urls.Count)];
        var url = new Uri(baseUrl, pathAndQuery);
        string reason;
        Exception failure;
        try
        {
            using var request = new HttpRequestMessage(method, url);
            if (body is { } bytes)
            {
                // A fresh content per attempt: a sent content may not be sent again.
                request.Content = new ReadOnlyMemoryContent(bytes);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            int code = (int)response.StatusCode;
            return new Attempt(operation, baseUrl, new EsResponse(code, responseBody, url), response.ReasonPhrase ?? $"status {code}", null);
        }
        catch (HttpRequestException e)
        {
            reason = e.InnerException?.Message ?? e.Message;
            failure = e;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient reports its own timeout as a cancellation the caller did not ask for.
            reason = $"no answer within {_http.Timeout.TotalSeconds:0.#}s";
            failure = e;
        }
        // The node did not answer: the next attempt goes to the next node.
        Interlocked.Increment(ref _nextUrl);
        return new Attempt(operation, baseUrl, null, reason, failure);
    }

    /// <summary>What one attempt got: an answer (<see cref="Response"/>), or no answer and why.</summary>
    private sealed record Attempt(string Operation, Uri Node, EsResponse? Response, string Reason, Exception? Failure)
    {
        public bool Failed => Response is null || IsRetryableStatus(Response.StatusCode);
    }
}
