using Confluent.Kafka;
using Playstream.Kafka.Admin;
using Playstream.Kafka.Configuration;
using Playstream.Kafka.Consuming;
using Playstream.Redis;

namespace Playstream.Processor.Metrics;

/// <summary>
/// Gathers a group's status from the servers: its members and their assignments from the
/// group coordinator (ListGroup, i.e. DescribeGroups, which Kafka 0.9 has), the committed
/// offsets and watermarks per partition, and each partition's checkpoint offset in Redis.
/// </summary>
public static class GroupStatusReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <param name="redis">Where the checkpoints are; null to leave them out.</param>
    /// <exception cref="TopicAdminException">The topic does not exist or the cluster does not answer.</exception>
    /// <exception cref="KafkaException">The group coordinator or a partition leader does not answer.</exception>
    public static async Task<GroupStatus> ReadAsync(KafkaOptions kafka, RedisOptions? redis, string group, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kafka);
        TopicLayout layout;
        using (var topics = new TopicAdmin(kafka) { Timeout = Timeout })
            layout = topics.Describe(topic) ?? throw new TopicAdminException($"topic '{topic}' does not exist", TopicAdminFailure.NotFound);

        var (state, members) = Members(kafka, group, topic);
        var owners = members.SelectMany(m => m.Partitions.Select(p => (p, m.ClientId + "@" + m.ClientHost))).ToDictionary(x => x.p, x => x.Item2);
        var (checkpoints, note) = await CheckpointsAsync(redis, $"{group}:{topic}", layout.Partitions.Count, cancellationToken).ConfigureAwait(false);

        var partitions = new List<PartitionStatus>();
        using var offsets = new KafkaOffsets(kafka, group);
        var all = layout.Partitions.Select(p => new TopicPartition(topic, p.Partition)).ToList();
        var committed = offsets.Committed(all, Timeout).ToDictionary(c => c.Partition.Value, c => c.Offset.Value);
        foreach (var partition in all)
        {
            var watermarks = offsets.Watermarks(partition, Timeout);
            var id = partition.Partition.Value;
            partitions.Add(new PartitionStatus(id,
                committed.TryGetValue(id, out var c) && c >= 0 ? c : null,
                watermarks.Low.Value, watermarks.High.Value,
                owners.GetValueOrDefault(id),
                checkpoints is not null && checkpoints.TryGetValue(id, out var checkpoint) ? checkpoint : null));
        }
        return new GroupStatus(group, topic, state, members, partitions, note);
    }

    // ListGroup is the legacy group API: it is what brokers older than 2.x (0.9 among them)
    // answer; the newer DescribeConsumerGroups needs API version negotiation.
#pragma warning disable CS0618
    private static (string State, IReadOnlyList<GroupMember> Members) Members(KafkaOptions kafka, string group, string topic)
    {
        using var admin = new AdminClientBuilder(kafka.ToAdminConfig()).SetLogHandler((_, _) => { }).Build();
        // No answer about a group the coordinator has never seen: it simply has no members.
        var info = admin.ListGroup(group, Timeout);
        if (info is null)
            return ("no such group", []);
        if (info.Error.Code is not (ErrorCode.NoError or ErrorCode.GroupIdNotFound))
            throw new KafkaException(info.Error);
        var members = info.Members
            .Select(m => new GroupMember(m.MemberId, m.ClientId, m.ClientHost, ConsumerAssignment.Partitions(m.MemberAssignment ?? [], topic)))
            .OrderBy(m => m.Partitions.Count == 0 ? int.MaxValue : m.Partitions[0])
            .ThenBy(m => m.MemberId, StringComparer.Ordinal)
            .ToList();
        return (string.IsNullOrEmpty(info.State) ? "Unknown" : info.State, members);
    }
#pragma warning restore CS0618

    /// <summary>Each task's committed input offset, from the job's progress in Redis.</summary>
    private static async Task<(Dictionary<int, long>? Offsets, string? Note)> CheckpointsAsync(RedisOptions? options, string job, int partitions, CancellationToken cancellationToken)
    {
        if (options is null)
            return (null, "not read");
        try
        {
            using var redis = await RedisConnection.ConnectAsync(options with { ConnectTimeout = TimeSpan.FromSeconds(3) }).ConfigureAwait(false);
            if (!redis.IsConnected)
                return (null, $"redis at {options.Describe()} is not reachable");
            var group = await new Redis.Streaming.RedisTaskStore(redis, options.Keys, job, partitions).ReadGroupAsync(cancellationToken).ConfigureAwait(false);
            return (group.Progress.ToDictionary(p => p.Key, p => p.Value.InputNext), null);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            return (null, $"redis at {options.Describe()} is not reachable ({RedisConnection.FailureReason(e.Message)})");
        }
    }
}
