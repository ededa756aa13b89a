using Microsoft.Extensions.Configuration;
using Playstream.Core.Engine;
using Playstream.Kafka.Configuration;

namespace Playstream.Settings;

/// <summary>
/// The configuration key of each setting: its path in the settings file, section and name
/// (keys are case-insensitive), which is also what a <c>PLAYSTREAM_SECTION__NAME</c> variable names.
/// </summary>
public static class SettingKeys
{
    public const string KafkaBootstrapServers = "kafka:bootstrapServers";
    public const string KafkaZooKeeper = "kafka:zooKeeper";
    public const string KafkaHome = "kafka:kafkaHome";
    public const string KafkaSaslUsername = "kafka:saslUsername";
    public const string KafkaSaslPassword = "kafka:saslPassword";
    public const string KafkaProperties = "kafka:properties";
    public const string RedisEndpoint = "redis:endpoint";
    public const string RedisPassword = "redis:password";
    public const string RedisTls = "redis:tls";
    public const string RedisKeyPrefix = "redis:keyPrefix";
    public const string ElasticsearchUrls = "elasticsearch:urls";
    public const string ElasticsearchUsername = "elasticsearch:username";
    public const string ElasticsearchPassword = "elasticsearch:password";
    public const string ElasticsearchApiKey = "elasticsearch:apiKey";
    public const string ElasticsearchAllowInvalidCertificates = "elasticsearch:allowInvalidCertificates";
    public const string ElasticsearchIndexPrefix = "elasticsearch:indexPrefix";

    /// <summary>
    /// librdkafka properties written <c>KEY=VALUE</c> (several in one item separated by <c>;</c>), as
    /// settings under <c>kafka:properties</c>; later pairs override earlier ones.
    /// </summary>
    /// <param name="source">Where the pairs were given, named in the error.</param>
    /// <exception cref="SettingsException">A pair is not KEY=VALUE (a secret in it is not shown).</exception>
    public static IReadOnlyList<KeyValuePair<string, string?>> KafkaPropertyPairs(IEnumerable<string> items, string source)
    {
        try
        {
            // One key each: a configuration layer refuses a key given twice, and the last given is the one meant.
            var last = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in KafkaPropertyList.Parse(items))
                last[ConfigurationPath.Combine(KafkaProperties, key)] = value;
            return [.. last];
        }
        catch (FormatException e)
        {
            throw new SettingsException($"{source}: {e.Message}", e);
        }
    }
}
