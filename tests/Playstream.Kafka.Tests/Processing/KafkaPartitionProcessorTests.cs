using System.Text;
using System.Text.Json;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Kafka.Consuming;
using Playstream.Kafka.Processing;

namespace Playstream.Kafka.Tests.Processing;

public class KafkaPartitionProcessorTests
{
    private static readonly AnalyticsSettings Settings = AnalyticsSettings.Default;

    /// <summary>Customers 1 (gender 0) and 2 (gender 1) and tracks 10, 11 are known; customer 7 and track 99 are not.</summary>
    private static LookupTables Lookups()
    {
        var customers = new CustomerTable();
        customers.Set(new Customer(1, "Ann", "0", "", "", "", "1", "0", "", "", null));
        customers.Set(new Customer(2, "Bob", "1", "", "", "", "1", "2", "", "", null));
        var tracks = new TrackTable();
        tracks.Set(new Track(10, "A", "X", 200));
        tracks.Set(new Track(11, "B", "Y", 180));
        return new LookupTables(customers, tracks);
    }

    private static string Play(int eventId, int customer, int track, string time, int mobile, string zip = "72132") =>
        $"{eventId},{customer},{track},\"2014-10-23 {time}\",{mobile},\"{zip}\"";

    private static PartitionRecords Records(string topic, int partition, long firstOffset, params string[] lines) =>
        new(topic, partition, lines.Select((l, i) => new KafkaRecord(topic, partition, firstOffset + i, Encoding.UTF8.GetBytes(l))).ToList());

    private static string Json(PartitionAnalytics analytics) => JsonSerializer.Serialize(analytics.ComputeResults());

    [Fact]
    public void Results_over_three_partitions_equal_one_analytics_fed_every_line()
    {
        // Customer 1 plays track 10 three times within 30 minutes (an interest); lines spread over
        // three partitions by customer, as the shipper keys them, and arrive in several polls.
        string[] lines =
        [
            Play(0, 1, 10, "03:00:00", 0), Play(1, 2, 11, "03:04:00", 1), Play(2, 1, 10, "03:10:00", 1),
            Play(3, 7, 99, "09:30:00", 0), Play(4, 1, 10, "03:20:00", 0), Play(5, 2, 10, "22:15:00", 0),
            "not,an,event", Play(6, 3, 11, "14:00:00", 1), "", Play(7, 7, 10, "03:01:00", 1),
        ];
        var lookups = Lookups();
        var direct = new PartitionAnalytics(Settings);
        foreach (var line in lines)
        {
            if (EventParser.TryParse(Encoding.UTF8.GetBytes(line), out var play, out _, out var reason))
                direct.Add(play, lookups);
            else if (!EventParser.IsBlank(Encoding.UTF8.GetBytes(line)))
                direct.CountDeadLetter(reason);
        }

        var processor = new KafkaPartitionProcessor(Settings, lookups, new CollectingDeadLetterSink());
        var byPartition = lines.Select((line, i) => (line, partition: i % 3)).GroupBy(x => x.partition);
        foreach (var group in byPartition)
        {
            var partitionLines = group.Select(x => x.line).ToArray();
            processor.Process(Records("plays", group.Key, 0, partitionLines[..1]));
            processor.Process(Records("plays", group.Key, 1, partitionLines[1..]));
        }

        var results = processor.ComputeResults();
        Assert.Equal(Json(direct), JsonSerializer.Serialize(results));
        // Worked by hand: 8 plays, 1 dead letter; customers 7 (twice) and 3 are unknown, track 99 once.
        Assert.Equal(8, results.Summary.Events);
        Assert.Equal(1, results.Summary.DeadLetters);
        Assert.Equal(3, results.Summary.UnknownCustomers);
        Assert.Equal(1, results.Summary.UnknownTracks);
        var interest = Assert.Single(results.Interests);
        Assert.Equal((1, 10), (interest.CustomerId, interest.TrackId));
    }

    [Fact]
    public void Merging_leaves_each_partitions_analytics_as_it_was()
    {
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        processor.Process(Records("plays", 0, 0, Play(0, 1, 10, "03:00:00", 0)));
        processor.Process(Records("plays", 1, 0, Play(1, 2, 11, "03:00:00", 0), Play(2, 2, 11, "04:00:00", 0)));

        Assert.Equal(3, processor.MergeAll().Events);
        Assert.Equal(3, processor.MergeAll().Events);
        Assert.Equal(1, processor.State("plays", 0)!.Analytics.Events);
        Assert.Equal(2, processor.State("plays", 1)!.Analytics.Events);
    }

    [Fact]
    public void Dead_letters_carry_reason_topic_partition_offset_and_raw_text()
    {
        var deadLetters = new CollectingDeadLetterSink();
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), deadLetters);

        processor.Process(Records("plays", 2, 40,
            Play(0, 1, 10, "03:00:00", 0),
            "1,x,10,\"2014-10-23 03:00:00\",0,\"1\"",
            Play(2, 1, 10, "03:00:00", 2) + "\r"));

        Assert.Collection(deadLetters.Letters,
            letter =>
            {
                Assert.Equal(DeadLetterReason.BadCustomerId, letter.Reason);
                Assert.Equal(new SourcePosition("plays/2", 41), letter.Position);
                Assert.Equal("1,x,10,\"2014-10-23 03:00:00\",0,\"1\"", letter.RawText);
                Assert.Equal(EventParser.Describe(DeadLetterReason.BadCustomerId), letter.Detail);
            },
            letter =>
            {
                Assert.Equal(DeadLetterReason.BadIsMobile, letter.Reason);
                Assert.Equal(new SourcePosition("plays/2", 42), letter.Position);
                Assert.Equal(Play(2, 1, 10, "03:00:00", 2), letter.RawText);
            });
        var summary = processor.ComputeResults().Summary;
        Assert.Equal(1, summary.Events);
        Assert.Equal(2, summary.DeadLetters);
    }

    [Fact]
    public void With_an_allowed_lateness_a_play_too_far_behind_its_partitions_latest_is_a_late_dead_letter()
    {
        var deadLetters = new CollectingDeadLetterSink();
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), deadLetters) { AllowedLatenessSeconds = 3600 };

        processor.Process(Records("plays", 0, 0,
            Play(0, 1, 10, "03:00:00", 0),
            Play(1, 1, 10, "05:00:00", 0),   // the partition's latest is now 05:00
            Play(2, 1, 10, "04:00:00", 0),   // exactly the lateness: accepted
            Play(3, 1, 10, "03:59:59", 0),   // one second more: late
            Play(4, 1, 11, "06:30:00", 0),
            Play(5, 1, 10, "05:00:00", 0))); // 1:30 behind 06:30: late
        // Another partition has its own watermark.
        processor.Process(Records("plays", 1, 0, Play(6, 2, 10, "01:00:00", 0)));

        Assert.Equal([3L, 5L], deadLetters.Letters.Select(l => l.Position.Line));
        Assert.All(deadLetters.Letters, l => Assert.Equal(DeadLetterReason.Late, l.Reason));
        var summary = processor.ComputeResults().Summary;
        Assert.Equal(5, summary.Events);
        Assert.Equal(2, summary.DeadLettersByReason["late"]);
    }

    [Fact]
    public void Without_an_allowed_lateness_any_order_is_accepted()
    {
        var deadLetters = new CollectingDeadLetterSink();
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), deadLetters);
        processor.Process(Records("plays", 0, 0, Play(0, 1, 10, "05:00:00", 0), Play(1, 1, 10, "01:00:00", 0)));
        Assert.Empty(deadLetters.Letters);
        Assert.Equal(2, processor.ComputeResults().Summary.Events);
    }

    [Fact]
    public void Blank_and_empty_records_are_skipped_silently_but_still_advance_the_offset()
    {
        var deadLetters = new CollectingDeadLetterSink();
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), deadLetters);

        processor.Process(Records("plays", 0, 0, "", "  \t", "\r"));

        Assert.Empty(deadLetters.Letters);
        Assert.Equal(3, processor.BlankRecords);
        Assert.Equal(0, processor.MergeAll().Events);
        Assert.Equal(3, processor.NextOffset("plays", 0));
    }

    [Fact]
    public void The_offset_to_commit_is_one_past_the_last_record_read_in_each_partition()
    {
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        processor.Assign("plays", 2);

        processor.Process(Records("plays", 1, 5, Play(0, 1, 10, "03:00:00", 0), "bad", Play(2, 1, 10, "03:00:00", 0)));
        processor.Process(Records("plays", 0, 100, Play(0, 2, 10, "03:00:00", 0)));
        processor.Process(Records("plays", 1, 8, Play(3, 1, 11, "03:00:00", 0)));

        Assert.Equal(9, processor.NextOffset("plays", 1));
        Assert.Equal(101, processor.NextOffset("plays", 0));
        Assert.Null(processor.NextOffset("plays", 2)); // assigned, nothing read: nothing to commit
        Assert.Null(processor.NextOffset("other", 0));
        var commits = processor.OffsetsToCommit().Select(o => (o.Topic, o.Partition.Value, o.Offset.Value));
        Assert.Equal([("plays", 0, 101L), ("plays", 1, 9L)], commits);
    }

    [Fact]
    public void Records_below_the_next_offset_are_replays_and_are_not_counted_twice()
    {
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        processor.Process(Records("plays", 0, 0, Play(0, 1, 10, "03:00:00", 0), Play(1, 1, 10, "03:05:00", 0)));

        // After a rebalance the group resumes at an older committed offset: 1 is a replay, 2 is new.
        processor.Process(Records("plays", 0, 1, Play(1, 1, 10, "03:05:00", 0), Play(2, 2, 11, "03:09:00", 1)));

        Assert.Equal(3, processor.MergeAll().Events);
        Assert.Equal(1, processor.ReplayedRecords);
        Assert.Equal(3, processor.NextOffset("plays", 0));
    }

    [Fact]
    public void A_revoked_partition_hands_back_its_state_and_leaves_the_global_results()
    {
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        processor.Process(Records("plays", 0, 0, Play(0, 1, 10, "03:00:00", 0)));
        processor.Process(Records("plays", 1, 3, Play(1, 2, 11, "03:00:00", 0), Play(2, 2, 11, "03:01:00", 0)));

        var state = processor.Revoke("plays", 1);

        Assert.NotNull(state);
        Assert.Equal(("plays", 1, 5L), (state.Topic, state.Partition, state.NextOffset!.Value));
        Assert.Equal(2, state.Analytics.Events);
        Assert.Equal(1, processor.MergeAll().Events);
        Assert.Equal(["plays:0"], processor.Partitions.Select(p => $"{p.Topic}:{p.Partition.Value}"));
        Assert.Null(processor.Revoke("plays", 1));
    }

    [Fact]
    public void A_restored_partition_resumes_its_analytics_and_skips_what_it_had_read()
    {
        var first = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        first.Process(Records("plays", 1, 0, Play(0, 1, 10, "03:00:00", 0), Play(1, 1, 10, "03:10:00", 0)));
        var state = first.Revoke("plays", 1)!;

        var second = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        second.Assign("plays", 1, state);
        second.Process(Records("plays", 1, 0, Play(0, 1, 10, "03:00:00", 0), Play(1, 1, 10, "03:10:00", 0), Play(2, 1, 10, "03:20:00", 0)));

        var results = second.ComputeResults();
        Assert.Equal(3, results.Summary.Events);
        Assert.Single(results.Interests); // three plays of track 10 within 30 minutes, across the two owners
        Assert.Equal(3, second.NextOffset("plays", 1));
    }

    [Fact]
    public void State_of_another_partition_cannot_be_restored()
    {
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        var state = new PartitionState("plays", 1, new PartitionAnalytics(Settings), 4);

        Assert.Throws<ArgumentException>(() => processor.Assign("plays", 2, state));
    }

    [Fact]
    public void State_built_with_other_settings_cannot_be_restored()
    {
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink());
        var state = new PartitionState("plays", 1, new PartitionAnalytics(Settings with { TopN = 3 }), 4);

        Assert.Throws<SettingsException>(() => processor.Assign("plays", 1, state));
    }

    [Fact]
    public void Plays_reach_the_sink_in_batches_named_after_their_partition()
    {
        var pool = new PlayBatchPool(batchCapacity: 2);
        var sink = new CollectingPlaySink(pool);
        var processor = new KafkaPartitionProcessor(Settings, Lookups(), new CollectingDeadLetterSink(), sink, pool);

        processor.Process(Records("plays", 2, 0,
            Play(0, 1, 10, "03:00:00", 0, "111"), "bad", Play(1, 2, 11, "03:01:00", 1, "222"), Play(2, 7, 99, "03:02:00", 0, "")));
        processor.Process(Records("plays", 0, 0, ""));

        Assert.Equal([2, 1], sink.BatchSizes); // a full batch, then the rest; nothing for the blank-only poll
        Assert.All(sink.Plays, p => Assert.Equal("plays/2", p.Source));
        Assert.Equal([0L, 1L, 2L], sink.Plays.Select(p => p.Play.EventId));
        Assert.Equal(["111", "222", ""], sink.Plays.Select(p => p.Zip));
        Assert.Equal(new PlayEvent(1, 2, 11, 1_414_033_260, true), sink.Plays[1].Play); // 2014-10-23 03:01:00 UTC
    }
}
