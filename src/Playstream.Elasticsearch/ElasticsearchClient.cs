using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Playstream.Elasticsearch.Bulk;
using Playstream.Elasticsearch.Mapping;
using Playstream.Elasticsearch.Transport;

namespace Playstream.Elasticsearch;

/// <summary>
/// A small Elasticsearch/OpenSearch REST client: index creation with a mapping, bulk
/// upserts by id, refresh, count, reading a whole index, and deletion. It asks the server
/// for its version once (<c>GET /</c>) and shapes requests for it (see <see cref="EsRequestShapes"/>).
/// </summary>
public sealed class ElasticsearchClient : IDisposable
{
    private readonly ElasticsearchOptions _options;
    private readonly EsTransport _transport;
    private EsRequestShapes? _shapes;
    private BulkIndexer? _indexer;

    public ElasticsearchClient(ElasticsearchOptions options)
        : this(options, handler: null, time: null)
    {
    }

    /// <summary>Uses <paramref name="handler"/> for HTTP (the caller keeps ownership of it).</summary>
    public ElasticsearchClient(ElasticsearchOptions options, HttpMessageHandler handler)
        : this(options, handler ?? throw new ArgumentNullException(nameof(handler)), time: null)
    {
    }

    internal ElasticsearchClient(
        ElasticsearchOptions options, HttpMessageHandler? handler, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        var http = handler is null ? new HttpClient(CreateHandler(options)) : new HttpClient(handler, disposeHandler: false);
        http.Timeout = options.RequestTimeout;
        http.DefaultRequestHeaders.Authorization = AuthorizationHeader(options);
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _transport = new EsTransport(http, [.. options.Urls.Select(AsBaseUrl)], options.Retry, options.OnRetry, time ?? TimeProvider.System);
    }

    /// <summary>The server's distribution and version, asked once and remembered.</summary>
    public async Task<ElasticsearchServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) =>
        (await GetShapesAsync(cancellationToken).ConfigureAwait(false)).Server;

    /// <summary>The request shapes for this server's version.</summary>
    public async Task<EsRequestShapes> GetShapesAsync(CancellationToken cancellationToken = default)
    {
        if (_shapes is { } known)
        {
            return known;
        }
        var response = await _transport.SendAsync(HttpMethod.Get, "", null, "server info", cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw EsErrors.Refused("server info", response);
        }
        var shapes = new EsRequestShapes(ElasticsearchServerInfo.Parse(response.Body));
        _shapes = shapes;
        return shapes;
    }

    /// <summary>Creates the index with this mapping unless it exists. Returns whether it was created.</summary>
    public async Task<bool> EnsureIndexAsync(string index, IndexMapping mapping, CancellationToken cancellationToken = default)
    {
        string path = IndexPath(index);
        var shapes = await GetShapesAsync(cancellationToken).ConfigureAwait(false);
        var exists = await _transport.SendAsync(HttpMethod.Head, path, null, "index exists", cancellationToken)
            .ConfigureAwait(false);
        if (exists.IsSuccess)
        {
            return false;
        }
        if (exists.StatusCode != (int)HttpStatusCode.NotFound)
        {
            throw EsErrors.Refused("index exists", exists);
        }
        var created = await _transport
            .SendAsync(HttpMethod.Put, path, shapes.CreateIndexBody(mapping), "create index", cancellationToken)
            .ConfigureAwait(false);
        if (created.IsSuccess)
        {
            return true;
        }
        // Someone else created it between our two requests: that is what we wanted.
        return EsErrors.IsIndexAlreadyExists(created) ? false : throw EsErrors.Refused("create index", created);
    }

    /// <summary>
    /// Indexes documents by id (a document with an existing id replaces it), in requests of
    /// at most <see cref="ElasticsearchOptions.MaxBulkBytes"/> and <see cref="ElasticsearchOptions.MaxBulkDocuments"/>.
    /// Items the server refuses are returned in <see cref="BulkResult.Failures"/>; items refused
    /// with 429/503 are retried first. Throws when a whole request fails after its retries.
    /// </summary>
    public async Task<BulkResult> BulkIndexAsync(
        string index, IEnumerable<BulkDocument> documents, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ValidateIndexName(index);
        var indexer = await GetIndexerAsync(cancellationToken).ConfigureAwait(false);
        return await indexer.IndexAsync(index, documents, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends one bulk body made by the caller (whole items, see <see cref="BulkBodyWriter.AppendItem"/>),
    /// retrying items refused with 429/503 as <see cref="BulkIndexAsync"/> does.
    /// </summary>
    internal async Task<BulkResult> SendBulkAsync(BulkBodyWriter body, string index, CancellationToken cancellationToken = default)
    {
        ValidateIndexName(index);
        var indexer = await GetIndexerAsync(cancellationToken).ConfigureAwait(false);
        return await indexer.SendAsync(body, index, cancellationToken).ConfigureAwait(false);
    }

    // One indexer for the client's life: its retry pipeline is built once, not at every request.
    private async Task<BulkIndexer> GetIndexerAsync(CancellationToken cancellationToken)
    {
        var shapes = await GetShapesAsync(cancellationToken).ConfigureAwait(false);
        return _indexer ??= new BulkIndexer(_transport, shapes, _options.MaxBulkBytes, _options.MaxBulkDocuments);
    }

    /// <summary>The limits on one bulk request this client keeps to.</summary>
    public (int MaxBytes, int MaxDocuments) BulkLimits => (_options.MaxBulkBytes, _options.MaxBulkDocuments);

    /// <summary>The index's <c>refresh_interval</c> as set on it (<c>-1</c> is "never by itself"); null when it is not set, and the server's default applies.</summary>
    public async Task<string?> GetRefreshIntervalAsync(string index, CancellationToken cancellationToken = default)
    {
        const string name = "index.refresh_interval";
        using var document = await SendForJsonAsync(HttpMethod.Get, $"{IndexPath(index)}/_settings/{name}?flat_settings=true", null, "index settings", cancellationToken)
            .ConfigureAwait(false);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.TryGetProperty("settings", out var settings) && settings.TryGetProperty(name, out var value))
            {
                return value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText();
            }
        }
        return null;
    }

    /// <summary>Sets the index's <c>refresh_interval</c> (<c>-1</c>: only explicit refreshes); null puts back the server's default.</summary>
    public async Task SetRefreshIntervalAsync(string index, string? interval, CancellationToken cancellationToken = default)
    {
        var shapes = await GetShapesAsync(cancellationToken).ConfigureAwait(false);
        var response = await _transport
            .SendAsync(HttpMethod.Put, IndexPath(index) + "/_settings", shapes.RefreshIntervalBody(interval), "index settings", cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw EsErrors.Refused("index settings", response);
        }
    }

    /// <summary>Makes everything indexed so far visible to search and count.</summary>
    public async Task RefreshAsync(string index, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Post, IndexPath(index) + "/_refresh", null, "refresh", cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw EsErrors.Refused("refresh", response);
        }
    }

    /// <summary>The number of documents in the index (as of its last refresh).</summary>
    public async Task<long> CountAsync(string index, CancellationToken cancellationToken = default)
    {
        using var document = await SendForJsonAsync(HttpMethod.Get, IndexPath(index) + "/_count", null, "count", cancellationToken)
            .ConfigureAwait(false);
        return document.RootElement.GetProperty("count").GetInt64();
    }

    /// <summary>Runs one search with a raw request body and returns the raw answer (dispose it).</summary>
    public Task<JsonDocument> SearchAsync(string index, string requestJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestJson);
        return SendForJsonAsync(HttpMethod.Post, IndexPath(index) + "/_search", Encoding.UTF8.GetBytes(requestJson), "search", cancellationToken);
    }

    /// <summary>
    /// Every document of the index (or every match of <paramref name="queryJson"/>, a query
    /// object such as <c>{"term":{"gender":"F"}}</c>), page by page through the scroll API,
    /// which both 2.x and current servers have. Sorting by <c>_doc</c> keeps scrolling cheap.
    /// </summary>
    public async IAsyncEnumerable<SearchHit> SearchAllAsync(
        string index,
        string? queryJson = null,
        int pageSize = 1000,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        string query = queryJson is null ? "" : $",\"query\":{queryJson}";
        byte[] first = Encoding.UTF8.GetBytes($"{{\"size\":{pageSize},\"sort\":[\"_doc\"]{query}}}");
        var page = await SendForJsonAsync(HttpMethod.Post, IndexPath(index) + "/_search?scroll=1m", first, "search", cancellationToken)
            .ConfigureAwait(false);
        string? scrollId = null;
        try
        {
            while (true)
            {
                scrollId = page.RootElement.TryGetProperty("_scroll_id", out var id) ? id.GetString() : null;
                var hits = page.RootElement.GetProperty("hits").GetProperty("hits");
                if (hits.GetArrayLength() == 0)
                {
                    yield break;
                }
                foreach (var hit in hits.EnumerateArray())
                {
                    yield return new SearchHit(hit.GetProperty("_id").GetString()!, hit.GetProperty("_source").Clone());
                }
                if (scrollId is null)
                {
                    throw new ElasticsearchException("the search answer has no scroll id");
                }
                page.Dispose();
                byte[] next = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
                {
                    ["scroll"] = "1m",
                    ["scroll_id"] = scrollId,
                });
                page = await SendForJsonAsync(HttpMethod.Post, "_search/scroll", next, "scroll", cancellationToken)
                    .ConfigureAwait(false);
            }
        }
        finally
        {
            page.Dispose();
            if (scrollId is not null)
            {
                await ClearScrollAsync(scrollId).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The names of the server's indices that start with <paramref name="prefix"/>, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListIndicesAsync(string prefix, CancellationToken cancellationToken = default)
    {
        // _aliases answers every version with one small object per index, where _cat's JSON form came later.
        using var document = await SendForJsonAsync(HttpMethod.Get, "_aliases", null, "list indices", cancellationToken).ConfigureAwait(false);
        return document.RootElement.EnumerateObject()
            .Select(index => index.Name)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Deletes the index. Returns false when there was no such index.</summary>
    public async Task<bool> DeleteIndexAsync(string index, CancellationToken cancellationToken = default)
    {
        var response = await _transport.SendAsync(HttpMethod.Delete, IndexPath(index), null, "delete index", cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == (int)HttpStatusCode.NotFound)
        {
            return false;
        }
        return response.IsSuccess ? true : throw EsErrors.Refused("delete index", response);
    }

    public void Dispose() => _transport.Dispose();

    // Frees the server's scroll context now rather than when its keep-alive runs out. A
    // failure here costs nothing but that memory for a minute, so it is not reported.
    private async Task ClearScrollAsync(string scrollId)
    {
        byte[] body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string[]> { ["scroll_id"] = [scrollId] });
        try
        {
            await _transport.SendAsync(HttpMethod.Delete, "_search/scroll", body, "clear scroll", CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (ElasticsearchException)
        {
        }
    }

    private async Task<JsonDocument> SendForJsonAsync(
        HttpMethod method, string path, byte[]? body, string operation, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(method, path, body, operation, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw EsErrors.Refused(operation, response);
        }
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException e)
        {
            throw new ElasticsearchException($"the answer to {operation} is not JSON: {response.BodyExcerpt()}", e);
        }
    }

    private static string IndexPath(string index)
    {
        ValidateIndexName(index);
        return Uri.EscapeDataString(index);
    }

    private static void ValidateIndexName(string index)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(index);
        if (index.StartsWith('_') || index.Any(char.IsUpper))
        {
            throw new ArgumentException($"'{index}' is not an index name (lowercase, not starting with '_')", nameof(index));
        }
    }

    // Request paths are relative, so a base URL with a path (behind a proxy) must end in '/'
    // for them to land under it.
    private static Uri AsBaseUrl(Uri url) =>
        url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");

    private static AuthenticationHeaderValue? AuthorizationHeader(ElasticsearchOptions options)
    {
        if (options.ApiKey is { } apiKey)
        {
            return new AuthenticationHeaderValue("ApiKey", apiKey);
        }
        if (options.Username is { } user && options.Password is { } password)
        {
            string token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
            return new AuthenticationHeaderValue("Basic", token);
        }
        return null;
    }

    private static SocketsHttpHandler CreateHandler(ElasticsearchOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.AllowInvalidCertificates)
        {
#pragma warning disable CA5359 // Accepting any certificate is what this opt-in option is for (self-signed test clusters).
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        return handler;
    }
}
