namespace Playstream.Core.Pipeline;

/// <summary>
/// Where enriched plays go: the embedded store's plays table, an Elasticsearch index.
/// <see cref="Write"/> may block when the sink is behind: that is the pipeline's backpressure.
/// The sink owns the batch until it hands it back through <see cref="PlayBatchPool"/>.
/// </summary>
public interface IPlaySink : IAsyncDisposable
{
    void Write(PlayBatch batch);

    /// <summary>Waits until every batch written so far is stored; reports the first failure.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    long PlaysWritten { get; }
}
