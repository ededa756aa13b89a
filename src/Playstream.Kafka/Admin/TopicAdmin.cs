using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Playstream.Kafka.Configuration;

namespace Playstream.Kafka.Admin;

/// <summary>
/// Creates, deletes, lists and describes topics. Current brokers get the AdminClient calls;
/// brokers older than 0.10.1 (no CreateTopics/DeleteTopics API) get the broker's own tool
/// through ZooKeeper. Such a broker is recognised from the options (a protocol fallback below
/// 0.10.1) or, failing that, from the AdminClient call timing out or being unsupported.
/// Listing and describing use the cluster metadata, which every broker serves.
/// </summary>
public sealed class TopicAdmin : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);
    private readonly KafkaOptions _options;
    private readonly IAdminClient _client;

    public TopicAdmin(KafkaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _client = new AdminClientBuilder(options.ToAdminConfig())
            .SetLogHandler((_, message) => ClientLogging.Forward(options, message))
            .Build();
    }

    /// <summary>How long a call (and the wait for its effect to show in metadata) may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates a topic and waits until every partition has a leader.</summary>
    /// <exception cref="TopicAdminException">It exists already (<see cref="TopicAdminFailure.AlreadyExists"/>), or creation failed.</exception>
    public async Task CreateAsync(string name, int partitions, short replicationFactor, CancellationToken cancellationToken = default)
    {
        TopicNames.Validate(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, (short)1);

        if (_options.TargetsBrokerWithoutTopicApi)
        {
            await ZooKeeperTopicTool.FromOptions(_options).CreateAsync(name, partitions, replicationFactor, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await _client.CreateTopicsAsync(
                    [new TopicSpecification { Name = name, NumPartitions = partitions, ReplicationFactor = replicationFactor }],
                    new CreateTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout }).ConfigureAwait(false);
            }
            catch (CreateTopicsException e) when (e.Results.Count > 0 && e.Results[0].Error.Code == ErrorCode.TopicAlreadyExists)
            {
                throw new TopicAdminException($"topic '{name}' already exists", TopicAdminFailure.AlreadyExists, e);
            }
            catch (CreateTopicsException e) when (e.Results.Count > 0 && MeansNoTopicApi(e.Results[0].Error.Code))
            {
                await ZooKeeperFallback(e).CreateAsync(name, partitions, replicationFactor, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (MeansNoTopicApi(e.Error.Code))
            {
                await ZooKeeperFallback(e).CreateAsync(name, partitions, replicationFactor, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                throw new TopicAdminException($"creating topic '{name}' failed: {Reason(e)}", TopicAdminFailure.Other, e);
            }
        }

        await WaitUntilAsync(() => Describe(name) is { IsReady: true } t && t.Partitions.Count == partitions,
            $"topic '{name}' was created but its {partitions} partitions have no leader yet", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a topic and waits until the cluster no longer lists it.</summary>
    /// <exception cref="TopicAdminException">It does not exist (<see cref="TopicAdminFailure.NotFound"/>), or deletion failed.</exception>
    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        TopicNames.Validate(name);
        if (_options.TargetsBrokerWithoutTopicApi)
        {
            await ZooKeeperTopicTool.FromOptions(_options).DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await _client.DeleteTopicsAsync([name], new DeleteTopicsOptions { RequestTimeout = Timeout, OperationTimeout = Timeout }).ConfigureAwait(false);
            }
            catch (DeleteTopicsException e) when (e.Results.Count > 0 && e.Results[0].Error.Code == ErrorCode.UnknownTopicOrPart)
            {
                throw new TopicAdminException($"topic '{name}' does not exist", TopicAdminFailure.NotFound, e);
            }
            catch (DeleteTopicsException e) when (e.Results.Count > 0 && MeansNoTopicApi(e.Results[0].Error.Code))
            {
                await ZooKeeperFallback(e).DeleteAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e) when (MeansNoTopicApi(e.Error.Code))
            {
                await ZooKeeperFallback(e).DeleteAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (KafkaException e)
            {
                throw new TopicAdminException($"deleting topic '{name}' failed: {Reason(e)}", TopicAdminFailure.Other, e);
            }
        }

        await WaitUntilAsync(() => !List().Contains(name, StringComparer.Ordinal),
            $"topic '{name}' is marked for deletion but still listed (does the broker have delete.topic.enable=true?)", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The cluster's topics, sorted, without internal ones (names starting with <c>__</c>).</summary>
    public IReadOnlyList<string> List() =>
        ClusterMetadata().Topics
            .Where(t => t.Error.Code == ErrorCode.NoError && !t.Topic.StartsWith("__", StringComparison.Ordinal))
            .Select(t => t.Topic)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>A topic's partitions, or null when the cluster does not have it.</summary>
    /// <remarks>Reads the metadata of all topics: a metadata request naming one topic would make an old
    /// broker with <c>auto.create.topics.enable</c> create it.</remarks>
    public TopicLayout? Describe(string name)
    {
        var topic = ClusterMetadata().Topics.FirstOrDefault(t => t.Topic == name && t.Error.Code == ErrorCode.NoError);
        if (topic is null)
            return null;
        return new TopicLayout(name, topic.Partitions
            .OrderBy(p => p.PartitionId)
            .Select(p => new PartitionLayout(p.PartitionId, p.Leader, p.Replicas, p.InSyncReplicas))
            .ToList());
    }

    public void Dispose() => _client.Dispose();

    private Metadata ClusterMetadata()
    {
        try
        {
            return _client.GetMetadata(Timeout);
        }
        catch (KafkaException e)
        {
            throw new TopicAdminException($"cannot read the topic list from Kafka at {_options.BootstrapServers}: {Reason(e)}{TransportHint(e.Error.Code)}", TopicAdminFailure.Other, e);
        }
    }

    /// <summary>An old broker either times out waiting for a controller it never names, or the client knows the API is missing.</summary>
    private static bool MeansNoTopicApi(ErrorCode code) =>
        code is ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut or ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion;

    private ZooKeeperTopicTool ZooKeeperFallback(Exception cause)
    {
        try
        {
            return ZooKeeperTopicTool.FromOptions(_options);
        }
        catch (TopicAdminException e)
        {
            throw new TopicAdminException($"the broker did not take the topic admin call ({cause.Message}); {e.Message}", TopicAdminFailure.NotConfigured, cause);
        }
    }

    private async Task WaitUntilAsync(Func<bool> done, string failure, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!done())
        {
            if (DateTime.UtcNow >= deadline)
                throw new TopicAdminException(failure);
            await Task.Delay(PollEvery, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A 0.9 broker drops the connection at the client's first request unless told not to ask for API versions.</summary>
    private string TransportHint(ErrorCode code) =>
        code is ErrorCode.Local_Transport or ErrorCode.Local_AllBrokersDown && !_options.TargetsBrokerWithoutTopicApi
            ? " (is the broker running? A broker older than 0.10 also needs the properties api.version.request=false and broker.version.fallback=0.9.0.1)"
            : " (is the broker running?)";

    private static string Reason(KafkaException e) => e.Error.Reason is { Length: > 0 } reason ? reason : e.Message;
}
