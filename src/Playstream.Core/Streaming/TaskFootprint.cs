using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Streaming.Ports;
using Playstream.Core.Streaming.Stages;

namespace Playstream.Core.Streaming;

/// <summary>
/// What a task holds that grows with event time: its customer stage's (customer, pane) listener pairs and interest
/// play times, its window stage's activity windows and top-tracks panes, and the horizons up to
/// which each has dropped what final windows needed.
/// </summary>
public sealed record TaskFootprint(long ListenerPairs, long StoredTimes, int Pairs, int ActivityWindows, int TopTracksPanes, long? CustomerHorizon, long? WindowHorizon)
{
    /// <summary>The footprint of the task a claim found in the store (the claim raises its epoch: a running owner is fenced off).</summary>
    public static TaskFootprint Of(TaskClaim claim, TopologySettings topology)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(topology);
        return StreamTask.Restore(claim, topology, LookupTables.Empty(), NoDeadLetters.Instance, null, new PlayBatchPool(), NoRepartition.Instance).Footprint;
    }

    private sealed class NoDeadLetters : IDeadLetterSink
    {
        public static readonly NoDeadLetters Instance = new();
        public void Write(Events.DeadLetter letter) => throw new InvalidOperationException("a footprint takes no records");
    }

    private sealed class NoRepartition : IRepartitionProducer
    {
        public static readonly NoRepartition Instance = new();
        public void Produce(int partition, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value) => throw new InvalidOperationException("a footprint takes no records");
        public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
