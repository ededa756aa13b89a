namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Keeps an index from refreshing by itself while a sink loads it (<c>refresh_interval</c> -1), as
/// Elasticsearch's own advice for bulk loads goes: each automatic refresh (every second by default)
/// cuts a small segment that merging then rewrites, and a load pays for both. The sink refreshes
/// at each of its flushes instead, so what a flush stored is searchable from that flush on, and
/// the interval is put back when the sink ends.
/// </summary>
/// <remarks>
/// An interval found at -1 is not taken for the index's own: it was left so by a run that died
/// before putting it back, or set by another instance loading the same index now. The end then
/// puts the server's default back, so no run leaves an index that never refreshes.
/// </remarks>
internal sealed class LoadRefreshPause
{
    private const string Never = "-1";
    private readonly ElasticsearchClient _client;
    private readonly string _index;

    private LoadRefreshPause(ElasticsearchClient client, string index, string? restore)
    {
        _client = client;
        _index = index;
        Restore = restore;
    }

    /// <summary>The interval <see cref="EndAsync"/> puts back; null for the server's default.</summary>
    public string? Restore { get; }

    public static async Task<LoadRefreshPause> BeginAsync(ElasticsearchClient client, string index, CancellationToken cancellationToken)
    {
        var found = await client.GetRefreshIntervalAsync(index, cancellationToken).ConfigureAwait(false);
        await client.SetRefreshIntervalAsync(index, Never, cancellationToken).ConfigureAwait(false);
        return new LoadRefreshPause(client, index, found == Never ? null : found);
    }

    /// <summary>Makes everything indexed so far searchable.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => _client.RefreshAsync(_index, cancellationToken);

    /// <summary>Puts the interval back, then refreshes once more.</summary>
    public async Task EndAsync(CancellationToken cancellationToken = default)
    {
        await _client.SetRefreshIntervalAsync(_index, Restore, cancellationToken).ConfigureAwait(false);
        await _client.RefreshAsync(_index, cancellationToken).ConfigureAwait(false);
    }
}
