using Playstream.Core.Engine;
using Playstream.Kafka.Admin;

namespace Playstream.Kafka.Streaming;

/// <summary>
/// The topics a streaming job reads: the input topic, which must exist, and the repartition
/// topic the job makes itself, with the input's partition count and replication.
/// </summary>
public static class StreamTopics
{
    /// <summary>The input topic's layout; null while it does not exist.</summary>
    public static TopicLayout? Input(TopicAdmin admin, string topic)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return admin.Describe(topic) is { Partitions.Count: > 0 } layout ? layout : null;
    }

    /// <summary>Creates the repartition topic when missing; one with another partition count stops start-up.</summary>
    /// <exception cref="SettingsException">The topic exists with another partition count.</exception>
    public static async Task EnsureRepartitionAsync(TopicAdmin admin, string name, TopicLayout input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(input);
        var existing = admin.Describe(name);
        if (existing is null or { Partitions.Count: 0 })
        {
            try
            {
                await admin.CreateAsync(name, input.Partitions.Count, (short)Math.Max(1, input.ReplicationFactor), cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TopicAdminException e) when (e.Failure == TopicAdminFailure.AlreadyExists)
            {
                // Another member made it first.
                existing = admin.Describe(name);
            }
        }
        if (existing is not null && existing.Partitions.Count != input.Partitions.Count)
            throw new SettingsException(
                $"the repartition topic {name} has {existing.Partitions.Count} partitions where {input.Name} has {input.Partitions.Count}: " +
                $"delete it (playstream topic delete {name}) with every member stopped, and start again; it is made anew with the right count");
    }
}
