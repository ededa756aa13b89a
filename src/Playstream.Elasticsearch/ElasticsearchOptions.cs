namespace Playstream.Elasticsearch;

/// <summary>How to reach an Elasticsearch or OpenSearch cluster and how hard to push it.</summary>
public sealed record ElasticsearchOptions
{
    /// <summary>One or more node URLs. Attempts rotate through them, so a retry after a
    /// connection failure goes to the next node.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [new Uri("http://127.0.0.1:9200")];

    /// <summary>Basic authentication user; used together with <see cref="Password"/>.</summary>
    public string? Username { get; init; }

    /// <summary>Basic authentication password. Never printed: <see cref="ToString"/> leaves it out.</summary>
    public string? Password { get; init; }

    /// <summary>An encoded API key (the base64 "id:key" value), sent as "Authorization: ApiKey ...". Never printed.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Accept any TLS certificate: for clusters with self-signed certificates only.</summary>
    public bool AllowInvalidCertificates { get; init; }

    /// <summary>Time limit for one HTTP request (one attempt).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Upper bound on one bulk request body. A single larger document is sent alone.</summary>
    public int MaxBulkBytes { get; init; } = 5 * 1024 * 1024;

    /// <summary>Upper bound on the documents in one bulk request.</summary>
    public int MaxBulkDocuments { get; init; } = 5000;

    /// <summary>Attempts and backoff for requests that fail with 429, 5xx or no connection.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Told about every retry before its wait starts, so a caller can say
    /// "elasticsearch unreachable, retrying in 2s" without a logging framework.</summary>
    public Action<RetryNotice>? OnRetry { get; init; }

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        if (Urls.Count == 0)
        {
            throw new ArgumentException("at least one Elasticsearch URL is needed", nameof(Urls));
        }
        if (ApiKey is not null && (Username is not null || Password is not null))
        {
            throw new ArgumentException("give either an API key or a user and password, not both", nameof(ApiKey));
        }
        if ((Username is null) != (Password is null))
        {
            throw new ArgumentException("basic authentication needs both a user and a password", nameof(Username));
        }
        if (MaxBulkBytes <= 0 || MaxBulkDocuments <= 0)
        {
            throw new ArgumentException("bulk limits must be positive", nameof(MaxBulkBytes));
        }
        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("the request timeout must be positive", nameof(RequestTimeout));
        }
        Retry.Validate();
    }

    /// <summary>The options as a record prints them, but for the password and API key, which show only whether they are set.</summary>
    public override string ToString() =>
        $"ElasticsearchOptions {{ Urls = {string.Join(", ", Urls)}, Username = {Username ?? "(none)"}, Password = {Secret(Password)}, ApiKey = {Secret(ApiKey)}, " +
        $"AllowInvalidCertificates = {AllowInvalidCertificates}, RequestTimeout = {RequestTimeout}, MaxBulkBytes = {MaxBulkBytes}, MaxBulkDocuments = {MaxBulkDocuments} }}";

    private static string Secret(string? value) => value is null ? "(none)" : "***";
}
