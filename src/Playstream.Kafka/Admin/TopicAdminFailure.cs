namespace Playstream.Kafka.Admin;

/// <summary>What went wrong in a topic admin call, so that callers can tell "already there" from a real failure.</summary>
public enum TopicAdminFailure
{
    Other,
    AlreadyExists,
    NotFound,
    /// <summary>Something the user must set (ZooKeeper, the Kafka distribution folder) is missing.</summary>
    NotConfigured,
}
