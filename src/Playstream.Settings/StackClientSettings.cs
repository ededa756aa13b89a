using Microsoft.Extensions.Configuration;

namespace Playstream.Settings;

/// <summary>
/// What <c>playstream stack up</c> records in the stack folder (<c>settings.json</c>, in the settings
/// file's format) so that the other verbs reach its servers with no exports: their addresses, and what
/// its Kafka 0.9 broker needs (the two librdkafka properties of the 0.9 protocol, ZooKeeper and the
/// Kafka release for topic admin). It is the lowest layer of the settings: the addresses count where
/// the user's file, environment and options give none, and the broker's extras only fill in what they
/// leave unset, and only while the Kafka servers in effect are the stack's, so that the 0.9 protocol
/// never reaches another broker.
/// </summary>
public sealed class StackClientSettings
{
    public const string FileName = "settings.json";
    public const string StackDirVariable = "PLAYSTREAM_STACK_DIR";
    public const string RootVariable = "PLAYSTREAM_ROOT";

    private StackClientSettings(PlaystreamSettings recorded) => Recorded = recorded;

    /// <summary>The settings as the stack wrote them.</summary>
    public PlaystreamSettings Recorded { get; }

    /// <summary>
    /// The stack folder's record, or null when there is none: the folder is <c>PLAYSTREAM_STACK_DIR</c>,
    /// else <c>.playstream/stack</c> in the checkout (<c>PLAYSTREAM_ROOT</c>, set by the launcher), as for <c>stack.sh</c>.
    /// </summary>
    /// <param name="environment">The <c>PLAYSTREAM_</c> variables (<see cref="SettingsVariables.Read"/>).</param>
    /// <exception cref="Core.Engine.SettingsException">The record is there but is not settings JSON.</exception>
    public static StackClientSettings? Find(IConfiguration environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = SettingsVariables.Value(environment, StackDirVariable) is { } dir ? Path.GetFullPath(dir)
            : SettingsVariables.Value(environment, RootVariable) is { } root ? Path.Combine(root, ".playstream", "stack")
            : null;
        var file = folder is null ? null : Path.Combine(folder, FileName);
        if (file is null || !File.Exists(file))
            return null;
        var record = JsonSettingsFile.Read(file, why => $"settings: the local stack's '{file}' is not valid settings JSON ({why}); `playstream stack up` writes it again");
        return new StackClientSettings(SettingsLoader.Bind(record));
    }

    /// <summary>The servers' addresses, as the lowest layer of the settings.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Addresses =>
    [
        new(SettingKeys.KafkaBootstrapServers, Recorded.Kafka.BootstrapServers),
        new(SettingKeys.RedisEndpoint, Recorded.Redis.Endpoint),
        new(SettingKeys.ElasticsearchUrls, Recorded.Elasticsearch.Urls),
    ];

    /// <summary>Fills what the other layers left unset with the broker's extras, when <paramref name="kafka"/> points at the stack's broker.</summary>
    public void CompleteKafka(KafkaSettings kafka)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        if (!IsStackBroker(kafka.BootstrapServers))
            return;
        foreach (var (key, value) in Recorded.Kafka.Properties)
            kafka.Properties.TryAdd(key, value);
        kafka.ZooKeeper ??= Recorded.Kafka.ZooKeeper;
        kafka.KafkaHome ??= Recorded.Kafka.KafkaHome;
    }

    /// <summary>Whether the servers are the stack's broker, as the stack wrote its address.</summary>
    public bool IsStackBroker(string bootstrapServers) =>
        string.Equals(bootstrapServers.Trim(), Recorded.Kafka.BootstrapServers.Trim(), StringComparison.OrdinalIgnoreCase);
}
