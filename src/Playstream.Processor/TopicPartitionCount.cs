using System.Diagnostics;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;

namespace Playstream.Processor;

/// <summary>
/// How many partitions a topic has, read from the cluster's metadata and kept for a minute:
/// partitions are added rarely, and a flush should not cost a metadata request every time.
/// </summary>
internal sealed class TopicPartitionCount(KafkaOptions kafka, string topic)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);
    private int _count;
    private long _readAt;

    /// <exception cref="TopicAdminException">The cluster does not answer, or has no such topic.</exception>
    public int Get()
    {
        if (_count > 0 && Stopwatch.GetElapsedTime(_readAt) < KeepFor)
            return _count;
        using var admin = new TopicAdmin(kafka) { Timeout = TimeSpan.FromSeconds(10) };
        var layout = admin.Describe(topic) ?? throw new TopicAdminException($"topic '{topic}' does not exist", TopicAdminFailure.NotFound);
        _count = layout.Partitions.Count;
        _readAt = Stopwatch.GetTimestamp();
        return _count;
    }
}
