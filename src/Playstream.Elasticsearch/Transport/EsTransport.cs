using System.Net.Http.Headers;

namespace Playstream.Elasticsearch.Transport;

/// <summary>
/// Sends one request with bounded retries: an answer of 429 or 5xx, a refused or broken
/// connection, or a timed-out attempt is tried again after an exponential backoff, on the
/// next node when there are several. Any other answer goes back to the caller.
/// </summary>
internal sealed class EsTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly RetryOptions _retry;
    private readonly Action<RetryNotice>? _onRetry;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private int _nextUrl;

    public EsTransport(
        HttpClient http,
        IReadOnlyList<Uri> urls,
        RetryOptions retry,
        Action<RetryNotice>? onRetry,
        Func<TimeSpan, CancellationToken, Task> delay)
    {
        _http = http;
        _urls = urls;
        _retry = retry;
        _onRetry = onRetry;
        _delay = delay;
    }

    public RetryOptions Retry => _retry;

    /// <summary>Tells the caller's callback about a retry, then waits for it.</summary>
    public async Task WaitBeforeRetryAsync(RetryNotice notice, CancellationToken cancellationToken)
    {
        _onRetry?.Invoke(notice);
        await _delay(notice.Delay, cancellationToken).ConfigureAwait(false);
    }

    public async Task<EsResponse> SendAsync(
        HttpMethod method,
        string pathAndQuery,
        ReadOnlyMemory<byte>? body,
        string operation,
        CancellationToken cancellationToken,
        string contentType = "application/json")
    {
        for (int attempt = 1; ; attempt++)
        {
            Uri baseUrl = _urls[(int)((uint)Volatile.Read(ref _nextUrl) % (uint)_urls.Count)];
            var url = new Uri(baseUrl, pathAndQuery);
            int? status = null;
            string reason;
            Exception? failure;
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
                if (!IsRetryableStatus(code) || attempt >= _retry.MaxAttempts)
                {
                    return new EsResponse(code, responseBody, url);
                }
                status = code;
                reason = response.ReasonPhrase ?? $"status {code}";
                failure = null;
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

            if (status is null)
            {
                // The node did not answer: the next attempt goes to the next node.
                Interlocked.Increment(ref _nextUrl);
            }
            if (attempt >= _retry.MaxAttempts)
            {
                throw new ElasticsearchException(
                    $"elasticsearch at {baseUrl} is unreachable after {attempt} attempts ({operation}): {reason}",
                    statusCode: null,
                    failure);
            }
            var notice = new RetryNotice(
                operation, baseUrl, attempt + 1, _retry.MaxAttempts, _retry.DelayBeforeRetry(attempt), status, reason);
            await WaitBeforeRetryAsync(notice, cancellationToken).ConfigureAwait(false);
        }
    }

    public static bool IsRetryableStatus(int status) => status == 429 || status >= 500;

    public void Dispose() => _http.Dispose();
}
