using Playstream.Core.Engine;
using Playstream.Elasticsearch;
using Playstream.Kafka.Configuration;
using Playstream.Redis;

namespace Playstream.Processor;

/// <summary>What <c>playstream process</c> runs with.</summary>
public sealed record StreamProcessorOptions
{
    public required string Topic { get; init; }
    public string Group { get; init; } = "playstream";
    /// <summary>Where dead letters go; <c>TOPIC-dead-letters</c> when null.</summary>
    public string? DeadLetterTopic { get; init; }
    public bool UntilIdle { get; init; }
    /// <summary>How often tasks commit their state and send their partials on; results follow within a fraction of it.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
    public bool IndexPlays { get; init; } = true;
    public AnalyticsSettings Analytics { get; init; } = AnalyticsSettings.Default;
    public required KafkaOptions Kafka { get; init; }
    public required RedisOptions Redis { get; init; }
    public required ElasticsearchOptions Elasticsearch { get; init; }
    public string IndexPrefix { get; init; } = "playstream";
    /// <summary>For endless streams: plays this far behind their partition's latest are dead letters (<c>late</c>); null accepts any.</summary>
    public TimeSpan? AllowedLateness { get; init; }
    /// <summary>With an allowed lateness: an input partition without plays for this long no longer holds the final horizon back.</summary>
    public TimeSpan PartitionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);
    /// <summary>How many of the member's tasks run at once (see <c>RunnerOptions.Threads</c>).</summary>
    public int Threads { get; init; } = 1;
    public TimeSpan LookupRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The job's name in the task store: one per group and topic.</summary>
    public string Job => $"{Group}:{Topic}";
}
