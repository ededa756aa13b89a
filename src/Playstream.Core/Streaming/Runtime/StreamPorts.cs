using Playstream.Core.Pipeline;
using Playstream.Core.Resilience;
using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Streaming.Runtime;

/// <summary>The connectors a <see cref="StreamRunner"/> runs between.</summary>
public sealed record StreamPorts
{
    public required IRecordSource Source { get; init; }
    public required IRepartitionProducer Repartition { get; init; }
    public required ITaskStore Store { get; init; }
    public required IResultSink Results { get; init; }
    public required IDeadLetterSink DeadLetters { get; init; }

    /// <summary>Waits until every dead letter written so far is stored; none when the sink stores them at once.</summary>
    public Func<CancellationToken, Task>? FlushDeadLetters { get; init; }

    /// <summary>Where enriched plays go; null keeps only the results.</summary>
    public IPlaySink? Plays { get; init; }

    public PlayBatchPool Pool { get; init; } = new();

    /// <summary>What the store is, for reports ("redis at HOST:PORT").</summary>
    public string StoreName { get; init; } = "the task store";

    /// <summary>What the results sink is, for reports.</summary>
    public string ResultsName { get; init; } = "the results store";

    /// <summary>What the repartition topic is, for reports.</summary>
    public string RepartitionName { get; init; } = "the repartition topic";

    /// <summary>How calls to servers are retried.</summary>
    public required ServerRetry Retry { get; init; }
}
