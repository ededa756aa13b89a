using Playstream.Core.Streaming.Ports;
using Playstream.Elasticsearch.Sinks;
using Playstream.Redis;

namespace Playstream.Processor;

/// <summary>Results into both stores the stack keeps them in: Elasticsearch (every result) and Redis (all but activity and breakdowns).</summary>
internal sealed class StackResultSink(ElasticsearchResultsWriter elasticsearch, RedisResultsWriter redis) : IResultSink
{
    public async Task WriteAsync(ResultChanges changes, CancellationToken cancellationToken)
    {
        await elasticsearch.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
        await redis.WriteAsync(changes, cancellationToken).ConfigureAwait(false);
    }
}
