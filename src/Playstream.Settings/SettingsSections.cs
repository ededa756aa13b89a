namespace Playstream.Settings;

/// <summary>The parts of the settings a command uses, so that it checks those and no others.</summary>
[Flags]
public enum SettingsSections
{
    Kafka = 1,
    Redis = 2,
    Elasticsearch = 4,
    All = Kafka | Redis | Elasticsearch,
}
