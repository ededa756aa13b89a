using System.Text.Json;
using Playstream.Core.Lookups;
using Playstream.Dashboard.Sources;
using Playstream.Elasticsearch;
using Playstream.Elasticsearch.Sinks;
using Playstream.Redis;
using StackExchange.Redis;

namespace Playstream.Dashboard.Sources;

/// <summary>
/// Full mode: the results `process` keeps in Elasticsearch (one index per analytic, the
/// breakdowns, and a status document rewritten at every flush, which is the change signal)
/// and the customers and tracks in Redis. Nothing here scans the plays index.
/// </summary>
public sealed class StackSource(ElasticsearchClient client, PlaystreamIndices indices, IConnectionMultiplexer redis, RedisKeys keys, string describe) : IDashboardSource
{
    public const string NoResultsHint = "no plays yet: start `playstream process --topic realtime` and ship plays with `playstream ship FILE --topic realtime`";

    private readonly ElasticsearchResultsReader _reader = new(client, indices);

    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _reader.ReadStatusAsync(cancellationToken).ConfigureAwait(false) ?? "none";
        }
        catch (ElasticsearchException)
        {
            return "unreachable";
        }
    }

    public async Task<DashboardData> LoadAsync(CancellationToken cancellationToken = default)
    {
        string? status;
        try
        {
            status = await _reader.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ElasticsearchException e)
        {
            return DashboardData.Empty(Status("unreachable", null, $"elasticsearch is not answering ({e.Message})"));
        }
        if (status is null)
            return DashboardData.Empty(Status("missing", null, NoResultsHint));
        var results = await _reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var breakdowns = await _reader.ReadBreakdownsAsync(cancellationToken).ConfigureAwait(false);
        LookupTables lookups;
        try
        {
            lookups = await new RedisLookupCache(redis, keys, LookupTables.Empty()).ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (RedisException)
        {
            lookups = LookupTables.Empty();
        }
        var writtenAt = JsonDocument.Parse(status).RootElement.TryGetProperty("written_at", out var w) && DateTimeOffset.TryParse(w.GetString(), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var t) ? t : (DateTimeOffset?)null;
        return new DashboardData(Status("running", writtenAt, results.Summary.Events == 0 ? NoResultsHint : null), results, breakdowns, lookups);
    }

    private SourceStatus Status(string state, DateTimeOffset? resultsAt, string? hint) =>
        new("full", describe, state, null, null, resultsAt, null, hint);
}
