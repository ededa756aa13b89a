using System.Text;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Pipeline;
using Playstream.Core.Results;
using Playstream.Core.Streaming;
using Playstream.Core.Streaming.Keys;
using Playstream.Core.Streaming.Stages;
using Playstream.TestSupport;
using Playstream.TestSupport.Streaming;

namespace Playstream.Core.Tests.Streaming.Stages;

/// <summary>
/// One partition's per-customer state on its own: plays taken directly or from the repartition
/// topic, resends recognised, late plays turned away, and the state carried by log entries and
/// snapshots. Profiles are checked against counts worked out by hand.
/// </summary>
public sealed class CustomerStageTests
{
    private static readonly TopologySettings Topology = new() { Topic = "plays", Partitions = 2 };

    private readonly CollectingDeadLetters _deadLetters = new();
    private readonly PlayBatchPool _pool = new();

    private CustomerStage NewStage(CollectingPlaySink? plays = null) =>
        new(0, Topology, LookupTables.Empty(), _deadLetters, plays, _pool, new FlushChanges(Topology.Analytics));

    private static long T(string time) => Utc.Seconds("2014-10-23 " + time);

    private static void Take(CustomerStage stage, int customer, int track, long time, bool mobile, long offset, string? line = null)
    {
        var text = line ?? $"{offset},{customer},{track},\"{Utc.Text(time)}\",{(mobile ? 1 : 0)},\"72132\"";
        stage.TakeDirect(new PlayEvent(offset, customer, track, time, mobile), "72132"u8, Encoding.UTF8.GetBytes(text), offset);
    }

    [Fact]
    public void Plays_make_each_customers_profile()
    {
        var stage = NewStage();
        Take(stage, 7, 1, T("06:00:00"), true, 0);  // morning, mobile
        Take(stage, 7, 1, T("13:00:00"), false, 1); // afternoon, same track
        Take(stage, 7, 2, T("23:30:00"), true, 2);  // night, a second track
        Take(stage, 8, 1, T("18:00:00"), false, 3); // evening

        Assert.Equal(new CustomerProfile(7, Plays: 3, Morning: 1, Afternoon: 1, Evening: 0, Night: 1, MobilePlays: 2, UniqueTracks: 2), stage.Profile(7));
        Assert.Equal(new CustomerProfile(8, 1, 0, 0, 1, 0, 0, 1), stage.Profile(8));
        Assert.Null(stage.Profile(9));
        Assert.Equal(4, stage.Events);
        Assert.Equal(4, stage.Changes.Plays.Count);
    }

    [Fact]
    public void Results_taken_are_the_changed_ones_and_come_again_only_after_a_failed_write()
    {
        var stage = NewStage();
        Take(stage, 7, 1, T("10:00:00"), false, 0);
        Take(stage, 7, 1, T("10:10:00"), false, 1);
        Take(stage, 7, 1, T("10:20:00"), false, 2); // 3 plays within 30 minutes: an interest
        Take(stage, 8, 2, T("10:00:00"), false, 3);

        var (profiles, interests) = TakeResults(stage);
        Assert.Equal([7, 8], profiles.Select(p => p.CustomerId).Order());
        Assert.Equal([new Interest(7, 1, T("10:20:00"))], interests);
        Assert.True(stage.HasPendingResults); // being written

        stage.ResultsFailed();
        (profiles, interests) = TakeResults(stage);
        Assert.Equal(2, profiles.Count);
        Assert.Single(interests);

        stage.ResultsWritten();
        Assert.False(stage.HasPendingResults);
        Take(stage, 8, 2, T("11:00:00"), false, 4);
        (profiles, interests) = TakeResults(stage);
        Assert.Equal([new CustomerProfile(8, 2, 2, 0, 0, 0, 0, 1)], profiles); // 10:00 and 11:00 are both morning
        Assert.Empty(interests);
    }

    private static (List<CustomerProfile>, List<Interest>) TakeResults(CustomerStage stage)
    {
        List<CustomerProfile> profiles = [];
        List<Interest> interests = [];
        stage.TakeResults(profiles, interests);
        return (profiles, interests);
    }

    [Fact]
    public void A_play_before_the_horizon_is_a_late_dead_letter_with_its_line_as_the_log_had_it()
    {
        var stage = NewStage();
        stage.AdvanceHorizon(T("12:00:00"));
        stage.AdvanceHorizon(T("11:00:00")); // a horizon never moves back
        Assert.Equal(T("12:00:00"), stage.SafeHorizon);

        var line = "5,7,1,\"2014-10-23 11:59:59\",0,\"72132\"\r"; // a CRLF line: the '\r' is the terminator's
        Take(stage, 7, 1, T("11:59:59"), false, 5, line);
        Take(stage, 7, 1, T("12:00:00"), false, 6);

        var letter = Assert.Single(_deadLetters.Letters);
        Assert.Equal(DeadLetterReason.Late, letter.Reason);
        Assert.Equal(("plays/0", 5L), (letter.Position.Source, letter.Position.Line));
        Assert.Equal(line.TrimEnd('\r'), letter.RawText);
        Assert.Equal("event time 2014-10-23T11:59:59Z is before 2014-10-23T12:00:00Z, up to which the results are final", letter.Detail);
        Assert.Equal(1, stage.Events);
    }

    [Fact]
    public void A_late_line_that_is_not_utf8_keeps_its_text_with_replacement_characters()
    {
        var stage = NewStage();
        stage.AdvanceHorizon(T("12:00:00"));
        byte[] line = [.. "5,7,1,\"2014-10-23 11:00:00\",0,\"7"u8, 0xFF, .. "\""u8];
        stage.TakeDirect(new PlayEvent(5, 7, 1, T("11:00:00"), false), "7"u8, line, 5);

        Assert.Equal("5,7,1,\"2014-10-23 11:00:00\",0,\"7\uFFFD\"", Assert.Single(_deadLetters.Letters).RawText);
    }

    [Fact]
    public void A_shipped_line_sent_again_is_recognised_by_its_source_position()
    {
        var stage = NewStage();
        var source = ShippedLineKey.SourcePart(0xabcUL);
        byte[] Key(long offset)
        {
            var key = new byte[ShippedLineKey.MaxLength];
            return key[..ShippedLineKey.Write(key, "7"u8, source, offset)];
        }

        Assert.False(stage.IsShipperResend(Key(100)));
        Assert.False(stage.IsShipperResend(Key(150)));
        Assert.True(stage.IsShipperResend(Key(150)));
        Assert.True(stage.IsShipperResend(Key(100)));
        Assert.False(stage.IsShipperResend("7"u8)); // a key without a position is never a resend
        Assert.Equal(2, stage.Duplicates);
    }

    [Fact]
    public void Repartitioned_lines_are_taken_once_whatever_batches_carry_them_again()
    {
        var stage = NewStage();
        var lines = Enumerable.Range(0, 6).Select(i => $"{i},{10 + i % 2},3,\"2014-10-23 10:0{i}:00\",0,\"1\"").ToArray();
        var first = Batch(lines, from: 0, count: 4);
        var resent = Batch(lines, from: 2, count: 4); // after a restart: cut differently, two lines again

        stage.TakeRepartitioned(0, first.Key(1), first.Value);
        stage.TakeRepartitioned(1, resent.Key(1), resent.Value);
        stage.TakeRepartitioned(1, resent.Key(1), resent.Value); // the same record again: below RepartitionNext

        Assert.Equal(6, stage.Events);
        Assert.Equal(2, stage.Duplicates);
        Assert.Equal(1, stage.Replayed);
        Assert.Equal(2, stage.RepartitionNext);
        Assert.Equal(3, stage.Profile(10)!.Plays);

        var e = Assert.Throws<InvalidDataException>(() => stage.TakeRepartitioned(2, "short"u8, first.Value));
        Assert.Equal("repartition record 0:2 has a key of 5 bytes, not a repartition batch key: is another job writing to this topic?", e.Message);

        static RepartitionBatch.Builder Batch(string[] lines, int from, int count)
        {
            var builder = new RepartitionBatch.Builder();
            for (var i = from; i < from + count; i++)
                builder.Add(100 + i, Encoding.UTF8.GetBytes(lines[i]));
            return builder;
        }
    }

    [Fact]
    public void Taken_plays_go_to_the_play_sink_by_source_partition_when_flushed()
    {
        var sink = new CollectingPlaySink(_pool);
        var stage = NewStage(sink);
        Take(stage, 7, 1, T("10:00:00"), false, 40);
        Assert.Empty(sink.Plays);

        stage.FlushPlays();

        var play = Assert.Single(sink.Plays);
        Assert.Equal(("plays/0", 40L, "72132"), (play.Source, play.Position, play.Zip));
    }

    [Fact]
    public void A_snapshot_and_a_replayed_log_entry_restore_what_the_stage_knew()
    {
        var stage = NewStage();
        Take(stage, 7, 1, T("10:00:00"), false, 0);
        Take(stage, 7, 1, T("10:10:00"), true, 1);
        stage.IsShipperResend(ShipperKey(500));
        using var snapshot = new MemoryStream();
        using (var writer = new BinaryWriter(snapshot, Encoding.UTF8, leaveOpen: true))
            stage.WriteSnapshot(writer);
        stage.Changes.Clear();
        Take(stage, 7, 1, T("10:20:00"), false, 2);
        stage.IsShipperResend(ShipperKey(600));
        stage.AdvanceHorizon(T("09:00:00"));
        using var log = new MemoryStream();
        using (var writer = new BinaryWriter(log, Encoding.UTF8, leaveOpen: true))
            stage.WriteLogEntry(writer);

        snapshot.Position = 0;
        log.Position = 0;
        CustomerStage restored;
        using (var reader = new BinaryReader(snapshot))
            restored = CustomerStage.ReadSnapshot(reader, 0, Topology, LookupTables.Empty(), _deadLetters, null, _pool, new FlushChanges(Topology.Analytics));
        using (var reader = new BinaryReader(log))
            restored.ReplayLogEntry(reader);

        Assert.Equal(stage.Profile(7), restored.Profile(7));
        Assert.Equal(new CustomerProfile(7, 3, 3, 0, 0, 0, 1, 1), restored.Profile(7));
        Assert.Equal(T("09:00:00"), restored.SafeHorizon);
        Assert.True(restored.IsShipperResend(ShipperKey(500)));
        Assert.True(restored.IsShipperResend(ShipperKey(600)));
        Assert.False(restored.IsShipperResend(ShipperKey(601)));
        var (_, interests) = TakeResults(restored);
        Assert.Equal([new Interest(7, 1, T("10:20:00"))], interests);

        static byte[] ShipperKey(long offset)
        {
            var key = new byte[ShippedLineKey.MaxLength];
            return key[..ShippedLineKey.Write(key, "7"u8, ShippedLineKey.SourcePart(9UL), offset)];
        }
    }
}
