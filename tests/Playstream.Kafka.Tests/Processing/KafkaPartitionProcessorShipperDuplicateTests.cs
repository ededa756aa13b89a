using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Streaming.Keys;
using Playstream.Kafka.Consuming;
using Playstream.Core.Streaming.Marks;
using Playstream.Kafka.Processing;

namespace Playstream.Kafka.Tests.Processing;

/// <summary>
/// <see cref="KafkaPartitionProcessor"/> and the shipper's keys: a line the shipper resends after a
/// crash (same source, offset at or below the partition's mark for it) is skipped; everything else
/// is counted as before.
/// </summary>
public class KafkaPartitionProcessorShipperDuplicateTests
{
    private const ulong Source = 0x1111222233334444UL;
    private const ulong NextGeneration = 0x5555666677778888UL;

    private static string Play(int eventId, int customer, int minute) =>
        $"{eventId},{customer},10,\"2014-10-23 03:{minute:00}:00\",0,\"72132\"";

    /// <summary>A log file's lines and the byte offset where each starts, as the shipper reads them.</summary>
    private static (string Line, long Offset)[] File(params string[] lines)
    {
        var offset = 0L;
        return lines.Select(line =>
        {
            var at = offset;
            offset += Encoding.UTF8.GetByteCount(line) + 1;
            return (line, at);
        }).ToArray();
    }

    private static string Key(string customer, ulong source, long offset)
    {
        var key = new byte[ShippedLineKey.MaxLength];
        return Encoding.ASCII.GetString(key, 0, ShippedLineKey.Write(key, Encoding.ASCII.GetBytes(customer), ShippedLineKey.SourcePart(source), offset));
    }

    /// <summary>Records as the shipper sends the given lines of a file: each keyed by its customer and position.</summary>
    private static PartitionRecords Shipped(int partition, long firstRecordOffset, ulong source, IEnumerable<(string Line, long Offset)> lines) =>
        new("plays", partition, lines.Select((l, i) => new KafkaRecord("plays", partition, firstRecordOffset + i,
            Encoding.UTF8.GetBytes(l.Line), Encoding.ASCII.GetBytes(Key(l.Line.Split(',')[1], source, l.Offset)))).ToList());

    private static KafkaPartitionProcessor NewProcessor(CollectingPlaySink? plays = null, PlayBatchPool? pool = null) =>
        new(AnalyticsSettings.Default, LookupTables.Empty(), new CollectingDeadLetterSink(), plays, pool);

    [Fact]
    public void A_run_resent_after_a_shipper_crash_is_skipped_and_counted_as_duplicates()
    {
        var log = File(Play(0, 1, 0), Play(1, 1, 1), Play(2, 1, 2), Play(3, 1, 3), Play(4, 1, 4));
        var pool = new PlayBatchPool();
        var plays = new CollectingPlaySink(pool);
        var processor = NewProcessor(plays, pool);

        processor.Process(Shipped(0, 0, Source, log[..4]));        // lines 0-3 arrive, then the shipper is killed
        processor.Process(Shipped(0, 4, Source, log[2..]));        // its restart resends from line 2 (its last saved position)

        Assert.Equal(2, processor.ShipperDuplicates);
        Assert.Equal(5, processor.MergeAll().Events);
        Assert.Equal([0L, 1L, 2L, 3L, 4L], plays.Plays.Select(p => p.Play.EventId));
        Assert.Equal(7, processor.NextOffset("plays", 0)); // skipped records are read: the offset moves past them
        Assert.Equal(0, processor.ReplayedRecords);
    }

    [Fact]
    public void A_line_that_is_really_in_the_file_twice_counts_twice()
    {
        // The same bytes at two offsets (a replayed log repeats lines): two events, per the contract.
        var log = File(Play(0, 1, 0), Play(0, 1, 0), Play(1, 1, 1));
        var processor = NewProcessor();

        processor.Process(Shipped(0, 0, Source, log));

        Assert.Equal(0, processor.ShipperDuplicates);
        Assert.Equal(3, processor.MergeAll().Events);
    }

    [Fact]
    public void After_a_truncation_the_new_content_under_a_new_source_id_is_all_counted()
    {
        // copytruncate, and the application writes the same first lines again: the same offsets,
        // but the shipper's next generation gives the file a new source id.
        var before = File(Play(0, 1, 0), Play(1, 1, 1), Play(2, 1, 2));
        var after = File(Play(0, 1, 0), Play(1, 1, 1));
        var processor = NewProcessor();

        processor.Process(Shipped(0, 0, Source, before));
        processor.Process(Shipped(0, 3, NextGeneration, after));

        Assert.Equal(0, processor.ShipperDuplicates);
        Assert.Equal(5, processor.MergeAll().Events);
    }

    [Fact]
    public void Records_keyed_by_a_bare_customer_id_or_not_keyed_are_all_counted()
    {
        var line = Encoding.UTF8.GetBytes(Play(0, 1, 0));
        var processor = NewProcessor();
        var records = new[] { "1"u8.ToArray(), "1"u8.ToArray(), [], "1@not-a-position:0"u8.ToArray() }
            .Select((key, i) => new KafkaRecord("plays", 0, i, line, key)).ToList();

        processor.Process(new PartitionRecords("plays", 0, records));

        Assert.Equal(0, processor.ShipperDuplicates);
        Assert.Equal(4, processor.MergeAll().Events);
    }

    [Fact]
    public void Each_partition_keeps_its_own_marks()
    {
        // One file's customers spread over two partitions: each partition sees its own lines in order.
        var log = File(Play(0, 1, 0), Play(1, 2, 1), Play(2, 1, 2), Play(3, 2, 3));
        var processor = NewProcessor();

        processor.Process(Shipped(0, 0, Source, [log[0], log[2]]));
        processor.Process(Shipped(1, 0, Source, [log[1], log[3]])); // offsets below partition 0's mark: still new here
        processor.Process(Shipped(1, 2, Source, [log[3]]));         // a resend in partition 1

        Assert.Equal(1, processor.ShipperDuplicates);
        Assert.Equal(4, processor.MergeAll().Events);
    }

    [Fact]
    public void A_resent_broken_line_is_one_dead_letter()
    {
        var log = File("broken line", Play(1, 1, 1));
        var deadLetters = new CollectingDeadLetterSink();
        var processor = new KafkaPartitionProcessor(AnalyticsSettings.Default, LookupTables.Empty(), deadLetters);
        var records = new[] { (log[0], ""), (log[1], "1"), (log[0], ""), (log[1], "1") }
            .Select((r, i) => new KafkaRecord("plays", 0, i, Encoding.UTF8.GetBytes(r.Item1.Line), Encoding.ASCII.GetBytes(Key(r.Item2, Source, r.Item1.Offset))))
            .ToList();

        processor.Process(new PartitionRecords("plays", 0, records));

        Assert.Single(deadLetters.Letters);
        Assert.Equal(2, processor.ShipperDuplicates);
        Assert.Equal(1, processor.MergeAll().Events);
    }

    [Fact]
    public void Marks_go_with_a_revoked_partitions_state_and_a_restore_still_skips_resends()
    {
        var log = File(Play(0, 1, 0), Play(1, 1, 1), Play(2, 1, 2), Play(3, 1, 3));
        var first = NewProcessor();
        first.Process(Shipped(0, 0, Source, log[..3]));
        var state = first.Revoke("plays", 0)!;
        Assert.Equal([new Core.Checkpoints.ShipperMark(Source, log[2].Offset)], state.ShipperMarks);

        var second = NewProcessor();
        second.Assign("plays", 0, state);
        second.Process(Shipped(0, 3, Source, log[1..])); // the shipper's resend of lines 1-2, then line 3

        Assert.Equal(2, second.ShipperDuplicates);
        Assert.Equal(4, second.MergeAll().Events);
        Assert.Equal([new Core.Checkpoints.ShipperMark(Source, log[3].Offset)], second.State("plays", 0)!.ShipperMarks);
    }

    [Fact]
    public void Past_the_bound_on_sources_a_forgotten_source_is_counted_again()
    {
        var log = File(Play(0, 1, 0));
        var processor = new KafkaPartitionProcessor(AnalyticsSettings.Default, LookupTables.Empty(), new CollectingDeadLetterSink())
        {
            ShipperSourcesPerPartition = 2,
        };

        processor.Process(Shipped(0, 0, 1, log));
        processor.Process(Shipped(0, 1, 2, log));
        processor.Process(Shipped(0, 2, 3, log)); // source 1 is forgotten
        processor.Process(Shipped(0, 3, 3, log)); // a resend of source 3: skipped
        processor.Process(Shipped(0, 4, 1, log)); // a resend of source 1: no longer recognised

        Assert.Equal(1, processor.ShipperDuplicates);
        Assert.Equal(4, processor.MergeAll().Events);
    }
}
