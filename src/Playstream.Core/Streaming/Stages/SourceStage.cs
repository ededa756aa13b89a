using Playstream.Core.Events;
using Playstream.Core.Export;
using Playstream.Core.Pipeline;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Streaming.Ports;

namespace Playstream.Core.Streaming.Stages;

/// <summary>
/// The first stage of one input partition: parses each line, sends bad and late lines to the
/// dead letters, and routes each play to its customer's partition: to this partition's own
/// customer stage when it is already there (the shipper keys lines by customer, so its lines
/// are), through the repartition topic otherwise, a batch per destination and turn
/// (<see cref="RepartitionBatch"/>). Lateness is judged here, against the latest
/// play of this input partition in offset order, so a replay decides exactly as before.
/// </summary>
internal sealed class SourceStage(int partition, TopologySettings topology, IDeadLetterSink deadLetters, IRepartitionProducer repartition, CustomerStage local)
{
    // Kept well under the broker's default largest message (about 1 MB).
    private const int BatchBytes = 256 * 1024;
    private readonly RepartitionBatch.Builder[] _batches = [.. Enumerable.Range(0, topology.Partitions).Select(_ => new RepartitionBatch.Builder())];

    /// <summary>The next input offset to read.</summary>
    public long InputNext { get; set; }

    /// <summary>The latest event time of this input partition's plays, or null before the first.</summary>
    public long? LatestPlay { get; set; }

    /// <summary>When this partition last had a play (Unix milliseconds of the reading clock).</summary>
    public long LastPlayAtMs { get; set; }

    public long Records { get; private set; }
    public long Replayed { get; private set; }
    public long Blank { get; private set; }
    public long Repartitioned { get; private set; }

    public void Take(long offset, ReadOnlySpan<byte> key, ReadOnlySpan<byte> line, long nowMs)
    {
        Records++;
        if (offset < InputNext)
        {
            Replayed++;
            return;
        }
        InputNext = offset + 1;
        if (local.IsShipperResend(key))
            return;
        var kind = PlayLine.Read(line, out var play, out var zip, out var reason);
        if (kind != LineKind.Play)
        {
            if (kind == LineKind.Blank)
                Blank++;
            else
                DeadLetter(reason, offset, line);
            return;
        }
        if (topology.AllowedLatenessSeconds is { } allowed && LatestPlay is { } latest && play.Time < latest - allowed)
        {
            DeadLetter(DeadLetterReason.Late, offset, line,
                $"event time {IsoTime.Format(play.Time)} is more than {allowed}s before the latest play ({IsoTime.Format(latest)})");
            return;
        }
        if (LatestPlay is not { } max || play.Time > max)
            LatestPlay = play.Time;
        LastPlayAtMs = nowMs;
        var owner = CustomerPartition.Of(play.CustomerId, topology.Partitions);
        if (owner == partition)
        {
            local.TakeDirect(play, line[zip], line, offset);
            return;
        }
        var batch = _batches[owner];
        batch.Add(offset, line);
        Repartitioned++;
        if (batch.Bytes >= BatchBytes)
            Send(owner, batch);
    }

    /// <summary>Sends what this turn routed to other partitions; the runner calls it after every turn, and before the repartition producer is flushed.</summary>
    public void SendBatches()
    {
        for (var owner = 0; owner < _batches.Length; owner++)
            if (!_batches[owner].IsEmpty)
                Send(owner, _batches[owner]);
    }

    private void Send(int owner, RepartitionBatch.Builder batch)
    {
        repartition.Produce(owner, batch.Key(partition), batch.Value);
        batch.Clear();
    }

    private void DeadLetter(DeadLetterReason reason, long offset, ReadOnlySpan<byte> line, string? detail = null)
    {
        local.Changes.Counters.CountDeadLetter(reason);
        deadLetters.Write(PlayLine.DeadLetter(reason, new SourcePosition(topology.SourceOf(partition), offset), line, detail));
    }
}
