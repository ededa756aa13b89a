using Playstream.Core.Streaming.Ports;
using Playstream.Elasticsearch.Sinks;
using Playstream.Redis;

namespace Playstream.Processor;

/// <summary>Results into both stores the stack keeps them in: Elasticsearch (every result) and Redis (all but activity and breakdowns).</summary>
internal sealed class StackResultSink(ElasticsearchResultsWriter elasticsearch, RedisResultsWriter redis) : IResultSink
{
    /// <summary>
    /// Both stores at once: they are independent, each one's own writes keep what it shows from
    /// stepping back, and a write of a whole job's interests takes each server seconds. When one
    /// fails the write as a whole fails and is made again, which both take without harm.
    /// </summary>
    public Task WriteAsync(ResultChanges changes, CancellationToken cancellationToken) =>
        Task.WhenAll(elasticsearch.WriteAsync(changes, cancellationToken), redis.WriteAsync(changes, cancellationToken));
}
