using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;

namespace Playstream.Core.Tests.Engine;

public sealed class RunCountersTests
{
    [Fact]
    public void The_summary_counts_events_unknowns_and_dead_letters_by_name_only_those_that_occurred()
    {
        var counters = new RunCounters();
        counters.CountEvent(customerKnown: true, trackKnown: true);
        counters.CountEvent(customerKnown: false, trackKnown: true);
        counters.CountEvent(customerKnown: false, trackKnown: false);
        counters.CountEvents(events: 4, unknownCustomers: 1, unknownTracks: 2, maxTime: 50);
        counters.CountDeadLetter(DeadLetterReason.Late);
        var byReason = new long[DeadLetterReasonNames.Count];
        byReason[(int)DeadLetterReason.BadDatetime] = 2;
        byReason[(int)DeadLetterReason.FieldCount] = 1;
        counters.CountDeadLetters(byReason);

        var summary = counters.ToSummary();

        Assert.Equal((7L, 4L, 3L, 3L), (summary.Events, summary.DeadLetters, summary.UnknownCustomers, summary.UnknownTracks));
        Assert.Equal([("bad_datetime", 2L), ("field_count", 1L), ("late", 1L)], summary.DeadLettersByReason.Select(kv => (kv.Key, kv.Value)));
        Assert.Equal(50, counters.MaxEventTime);
    }

    [Fact]
    public void The_latest_time_only_moves_forward_and_an_empty_block_observes_nothing()
    {
        var counters = new RunCounters();
        Assert.Null(counters.MaxEventTime);
        counters.CountEvents(0, 0, 0, maxTime: 999);
        Assert.Null(counters.MaxEventTime);
        counters.ObserveTime(100);
        counters.ObserveTime(40);
        Assert.Equal(100, counters.MaxEventTime);
    }

    [Fact]
    public void A_merge_adds_the_counts_and_keeps_the_later_time()
    {
        var a = new RunCounters();
        a.CountEvent(true, false);
        a.ObserveTime(10);
        a.CountDeadLetter(DeadLetterReason.BadQuoting);
        var b = new RunCounters();
        b.CountEvent(false, true);
        b.ObserveTime(30);
        b.CountDeadLetter(DeadLetterReason.BadQuoting);

        a.Merge(b);

        var summary = a.ToSummary();
        Assert.Equal((2L, 1L, 1L), (summary.Events, summary.UnknownCustomers, summary.UnknownTracks));
        Assert.Equal(2, summary.DeadLettersByReason["bad_quoting"]);
        Assert.Equal(30, a.MaxEventTime);
    }

    [Fact]
    public void A_snapshot_reads_back_the_same_summary_and_time()
    {
        var counters = new RunCounters();
        counters.CountEvents(5, 1, 2, 77);
        counters.CountDeadLetter(DeadLetterReason.BadEncoding);
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            counters.Write(writer);
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);

        var back = RunCounters.Read(reader);

        Assert.Equivalent(counters.ToSummary(), back.ToSummary());
        Assert.Equal(77, back.MaxEventTime);
    }

    [Fact]
    public void A_snapshot_naming_an_unknown_reason_is_refused()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0L); writer.Write(0L); writer.Write(0L);
            writer.Write(1); writer.Write("bad_mood"); writer.Write(1L);
            writer.Write(false); writer.Write(0L);
        }
        buffer.Position = 0;
        using var reader = new BinaryReader(buffer);
        Assert.Equal("snapshot has an unknown dead-letter reason 'bad_mood'", Assert.Throws<InvalidDataException>(() => RunCounters.Read(reader)).Message);
    }
}
