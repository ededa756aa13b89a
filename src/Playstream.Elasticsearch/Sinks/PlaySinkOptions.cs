namespace Playstream.Elasticsearch.Sinks;

/// <summary>How <see cref="ElasticsearchPlaySink"/> loads the plays index. Bulk request sizes are the client's
/// (<see cref="ElasticsearchOptions.MaxBulkBytes"/>, <see cref="ElasticsearchOptions.MaxBulkDocuments"/>).</summary>
public sealed record PlaySinkOptions
{
    /// <summary>
    /// Bulk requests in flight at once. One request is indexed by one of the server's write threads
    /// per shard, and the sink prepares the next body while it waits: two keep a small cluster's
    /// write threads busy where one left them idle between requests.
    /// </summary>
    public int Concurrency { get; init; } = 2;

    /// <summary>
    /// Whether the plays index refreshes only at the sink's flushes while it loads
    /// (<c>refresh_interval</c> -1, put back when the sink ends; see <see cref="LoadRefreshPause"/>).
    /// </summary>
    public bool RefreshAtFlushes { get; init; } = true;

    public static PlaySinkOptions Default { get; } = new();

    /// <summary>Throws when the options cannot work.</summary>
    public void Validate()
    {
        if (Concurrency < 1)
            throw new ArgumentException("at least one bulk request must be allowed in flight", nameof(Concurrency));
    }
}
