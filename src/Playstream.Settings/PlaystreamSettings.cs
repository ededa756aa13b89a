namespace Playstream.Settings;

/// <summary>
/// Every connection setting of the full-stack verbs, in one model. Values come from, in
/// increasing precedence: the defaults here, what the local stack recorded (<see cref="StackClientSettings"/>),
/// a JSON settings file (<c>--settings FILE</c> or <c>PLAYSTREAM_SETTINGS</c>), environment variables,
/// and command-line options; <see cref="SettingsLoader"/> layers them.
/// </summary>
public sealed class PlaystreamSettings
{
    public KafkaSettings Kafka { get; set; } = new();
    public RedisSettings Redis { get; set; } = new();
    public ElasticsearchSettings Elasticsearch { get; set; } = new();
}
