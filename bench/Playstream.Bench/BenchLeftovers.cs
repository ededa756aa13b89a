using Playstream.Elasticsearch;
using Playstream.Kafka.Admin;
using Playstream.Redis;
using Playstream.Settings;

namespace Playstream.Bench;

/// <summary>
/// Removes what a run of the stack benchmarks made on the servers: its topics (the input, the
/// groups' repartition and changelog topics), its indices and its Redis keys, all named with the
/// run's id. One 2M-play <c>bench scale</c> leaves several GB of topic logs behind otherwise,
/// and its indices keep the server busy with merges.
/// </summary>
public static class BenchLeftovers
{
    /// <summary>Deletes every topic whose name holds <paramref name="runId"/>, every index starting with one of <paramref name="indexPrefixes"/> and every Redis key starting with one of <paramref name="redisPrefixes"/>. Returns what went, for the closing line.</summary>
    public static string Remove(PlaystreamSettings settings, string runId, IReadOnlyList<string> indexPrefixes, IReadOnlyList<string> redisPrefixes)
    {
        var topics = 0;
        using (var admin = new TopicAdmin(ConnectorOptions.Kafka(settings)))
        {
            foreach (var topic in admin.List().Where(t => t.Contains(runId, StringComparison.Ordinal)))
            {
                admin.DeleteAsync(topic).GetAwaiter().GetResult();
                topics++;
            }
        }

        var indices = 0;
        using (var client = new ElasticsearchClient(ConnectorOptions.Elasticsearch(settings)))
        {
            foreach (var prefix in indexPrefixes)
            {
                foreach (var index in client.ListIndicesAsync(prefix).GetAwaiter().GetResult())
                {
                    client.DeleteIndexAsync(index).GetAwaiter().GetResult();
                    indices++;
                }
            }
        }

        long keys = 0;
        using (var connection = RedisConnection.ConnectAsync(ConnectorOptions.Redis(settings)).GetAwaiter().GetResult())
        {
            foreach (var prefix in redisPrefixes)
                keys += RedisKeySweep.DeleteStartingWithAsync(connection, prefix).GetAwaiter().GetResult();
        }
        return $"removed {topics} topics, {indices} indices and {keys:N0} redis keys of run {runId}";
    }
}
