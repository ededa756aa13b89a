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
    /// <summary>How long with nothing new, every partition at its end, counts as idle.</summary>
    public TimeSpan IdleAfter { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>How often plays, results and checkpoints are written and offsets committed.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(10);
    public bool IndexPlays { get; init; } = true;
    public AnalyticsSettings Analytics { get; init; } = AnalyticsSettings.Default;
    public required KafkaOptions Kafka { get; init; }
    public required RedisOptions Redis { get; init; }
    public required ElasticsearchOptions Elasticsearch { get; init; }
    public string IndexPrefix { get; init; } = "playstream";
    /// <summary>For endless streams: plays this far behind their partition's latest are dead letters (<c>late</c>); null accepts any.</summary>
    public TimeSpan? AllowedLateness { get; init; }
    public TimeSpan LookupRefreshInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The checkpoint scope: one per group and topic.</summary>
    public string CheckpointScope => $"{Group}:{Topic}";
}
