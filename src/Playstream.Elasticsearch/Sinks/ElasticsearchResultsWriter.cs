using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Playstream.Core.Export;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Core.Streaming.Ports;
using Playstream.Elasticsearch.Bulk;

namespace Playstream.Elasticsearch.Sinks;

/// <summary>
/// Creates the result indices (once) and writes results into them. Only documents whose
/// content changed since this writer last wrote them are sent: a flush of a long-running
/// pipeline rewrites the few windows and customers that moved, not every result again.
/// A document the server refuses is an error, never skipped.
/// </summary>
public sealed class ElasticsearchResultsWriter(ElasticsearchClient client, PlaystreamIndices indices) : IResultSink
{
    private readonly Dictionary<(string Index, string Id), UInt128> _written = [];
    private bool _indicesReady;
    private long _writes;
    private long _events;

    public async Task EnsureIndicesAsync(CancellationToken cancellationToken = default)
    {
        if (_indicesReady)
            return;
        // Side by side: creating an index takes a server a few hundred milliseconds, and there are ten.
        await Task.WhenAll(indices.ResultIndices().Select(i => client.EnsureIndexAsync(i.Index, i.Mapping, cancellationToken))).ConfigureAwait(false);
        _indicesReady = true;
    }

    Task IResultSink.WriteAsync(ResultChanges changes, CancellationToken cancellationToken) => WriteAsync(changes, cancellationToken);

    /// <summary>Writes the changed results (the dashboard's breakdowns among them), then the status document; returns the documents sent.</summary>
    public async Task<int> WriteAsync(ResultChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        await EnsureIndicesAsync(cancellationToken).ConfigureAwait(false);
        var sets = ResultDocuments.All(changes, indices);
        if (changes.Breakdowns is { } breakdowns)
            sets = sets.Concat(ResultDocuments.Breakdowns(breakdowns, indices));
        var changedSets = sets
            .Select(set => (set.Index, Changed: set.Documents.Select(d => (Document: d, Hash: Hash(d.Source.Span)))
                .Where(d => !_written.TryGetValue((set.Index, d.Document.Id), out var h) || h != d.Hash).ToList()))
            .Where(set => set.Changed.Count > 0)
            .ToList();
        var sent = 0;
        // Indices side by side, as many at once as the play sink keeps in flight: one request is
        // indexed by one of the server's write threads. One at a time, a catch-up's last write of
        // every window (some 80k rewritten documents for 2M plays) kept one of two cores busy for
        // up to 9 s while the other idled; two at a time made whole runs about 5 % shorter.
        await Parallel.ForEachAsync(changedSets, new ParallelOptions { MaxDegreeOfParallelism = PlaySinkOptions.Default.Concurrency, CancellationToken = cancellationToken }, async (set, token) =>
        {
            var written = await client.BulkIndexAsync(set.Index, set.Changed.Select(c => c.Document), token).ConfigureAwait(false);
            if (written.HasFailures)
                throw new ElasticsearchException(
                    $"{written.Failures.Count} result document(s) refused by {set.Index}: first {written.Failures[0].Id}: {written.Failures[0].Reason}");
            lock (_written)
            {
                foreach (var (document, hash) in set.Changed)
                    _written[(set.Index, document.Id)] = hash;
                sent += set.Changed.Count;
            }
        }).ConfigureAwait(false);
        if (changes.Summary is { } summary)
            _events = summary.Events;
        var status = $"{{\"written_at\":\"{IsoTime.Format(DateTimeOffset.UtcNow.ToUnixTimeSeconds())}\",\"events\":{_events.ToString(CultureInfo.InvariantCulture)},\"writes\":{(++_writes).ToString(CultureInfo.InvariantCulture)},\"documents\":{sent.ToString(CultureInfo.InvariantCulture)}}}";
        await client.BulkIndexAsync(indices.Status, [new BulkDocument("pipeline", Encoding.UTF8.GetBytes(status))], cancellationToken).ConfigureAwait(false);
        return sent;
    }

    private static UInt128 Hash(ReadOnlySpan<byte> source)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(source, digest);
        return new UInt128(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]));
    }
}
