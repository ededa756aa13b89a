using Playstream.IntegrationTests.Elasticsearch;
using Playstream.IntegrationTests.Kafka;
using Playstream.IntegrationTests.Redis;

namespace Playstream.IntegrationTests.Cluster;

/// <summary>
/// Tests that kill Kafka brokers run alone, after every other collection: a broker going away
/// under another test's topic would fail that test, and a topic created while the extra brokers
/// run could land on them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection : ICollectionFixture<KafkaBroker>, ICollectionFixture<RedisServer>, ICollectionFixture<ElasticsearchServer>
{
    public const string Name = "kafka brokers killed";
}
