using Playstream.Core.Events;
using Playstream.Core.Results;

namespace Playstream.Core.Engine;

/// <summary>Counts over the whole run: events, dead letters by reason, events with an unknown customer or track.</summary>
internal sealed class RunCounters
{
    private readonly long[] _deadLetters = new long[DeadLetterReasonNames.Count];

    public long Events { get; private set; }
    public long UnknownCustomers { get; private set; }
    public long UnknownTracks { get; private set; }

    /// <summary>The latest event time seen (Unix seconds), or null before the first play: the base of a stream's watermark.</summary>
    public long? MaxEventTime { get; private set; }

    public void ObserveTime(long time)
    {
        if (MaxEventTime is not { } max || time > max)
            MaxEventTime = time;
    }

    public void CountEvent(bool customerKnown, bool trackKnown)
    {
        Events++;
        if (!customerKnown) UnknownCustomers++;
        if (!trackKnown) UnknownTracks++;
    }

    /// <summary>Counts a block's events at once, and observes its latest time.</summary>
    public void CountEvents(long events, long unknownCustomers, long unknownTracks, long maxTime)
    {
        if (events == 0)
            return;
        Events += events;
        UnknownCustomers += unknownCustomers;
        UnknownTracks += unknownTracks;
        ObserveTime(maxTime);
    }

    /// <summary>Adds dead-letter counts by reason (indexed by <see cref="DeadLetterReason"/>).</summary>
    public void CountDeadLetters(ReadOnlySpan<long> byReason)
    {
        for (var i = 0; i < byReason.Length && i < _deadLetters.Length; i++)
            _deadLetters[i] += byReason[i];
    }

    public void CountDeadLetter(DeadLetterReason reason)
    {
        if ((uint)reason >= (uint)_deadLetters.Length)
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown dead-letter reason");
        _deadLetters[(int)reason]++;
    }

    public void Merge(RunCounters other)
    {
        Events += other.Events;
        UnknownCustomers += other.UnknownCustomers;
        UnknownTracks += other.UnknownTracks;
        for (var i = 0; i < _deadLetters.Length; i++)
            _deadLetters[i] += other._deadLetters[i];
        if (other.MaxEventTime is { } time)
            ObserveTime(time);
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(Events);
        writer.Write(UnknownCustomers);
        writer.Write(UnknownTracks);
        // By name, so that a reason added later does not shift the others.
        var reasons = Enum.GetValues<DeadLetterReason>().Where(r => _deadLetters[(int)r] != 0).ToList();
        writer.Write(reasons.Count);
        foreach (var reason in reasons)
        {
            writer.Write(reason.Name());
            writer.Write(_deadLetters[(int)reason]);
        }
        writer.Write(MaxEventTime.HasValue);
        writer.Write(MaxEventTime ?? 0);
    }

    public static RunCounters Read(BinaryReader reader)
    {
        var counters = new RunCounters
        {
            Events = reader.ReadInt64(),
            UnknownCustomers = reader.ReadInt64(),
            UnknownTracks = reader.ReadInt64(),
        };
        var byName = Enum.GetValues<DeadLetterReason>().ToDictionary(r => r.Name());
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var name = reader.ReadString();
            var value = reader.ReadInt64();
            if (!byName.TryGetValue(name, out var reason))
                throw new InvalidDataException($"snapshot has an unknown dead-letter reason '{name}'");
            counters._deadLetters[(int)reason] += value;
        }
        var hasTime = reader.ReadBoolean();
        var time = reader.ReadInt64();
        if (hasTime)
            counters.MaxEventTime = time;
        return counters;
    }

    /// <summary>The summary; dead letters by reason name, only reasons that occurred, ordered by name.</summary>
    public RunSummary ToSummary()
    {
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var reason in Enum.GetValues<DeadLetterReason>())
            if (_deadLetters[(int)reason] != 0)
                byReason[reason.Name()] = _deadLetters[(int)reason];
        return new RunSummary(Events, _deadLetters.Sum(), UnknownCustomers, UnknownTracks, byReason);
    }
}
