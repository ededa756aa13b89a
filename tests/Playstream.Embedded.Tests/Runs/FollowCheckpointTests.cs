using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Files;
using Playstream.Core.Lookups;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.Embedded.Tests.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

public sealed class FollowCheckpointTests
{
    [Fact]
    public void State_positions_and_store_row_counts_come_back_as_they_were_taken()
    {
        using var folder = new TempFolder();
        var path = folder.File("log.csv");
        File.WriteAllText(path, "x\ny\n");
        var taken = new DateTimeOffset(2024, 5, 1, 10, 0, 0, 123, TimeSpan.Zero);
        FilePosition position;
        using (var file = FollowedEventFile.FromStart(path))
        {
            file.ReadNewLines((_, _, _, _) => true, null);
            position = file.Position(taken);
        }
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.Add(new PlayEvent(1, 5, 7, 1_412_164_800, true), LookupTables.Empty());
        analytics.Add(new PlayEvent(2, 5, 8, 1_412_165_100, false), LookupTables.Empty());
        analytics.CountDeadLetter(DeadLetterReason.Late);
        var other = FollowedEventFile.FromStart(folder.File("other.csv")).Position(taken);
        var checkpoint = new FollowCheckpoint("run-1", taken, new StoreRowCounts(2, 1), [position, other]);

        var stored = checkpoint.ToPartitionCheckpoint(analytics);
        Assert.Equal(FollowCheckpoint.Source, stored.Source);
        Assert.Equal(2, stored.NextOffset); // lines held, over both files
        var back = FollowCheckpoint.From(new PartitionCheckpoint(stored.Source, stored.NextOffset, stored.Snapshot.ToArray()));

        Assert.Equal("run-1", back.StoreRunId);
        Assert.Equal(taken, back.TakenAt);
        Assert.Equal(new StoreRowCounts(2, 1), back.StoreRows);
        Assert.Equal([position, other], back.Files);
        Assert.Equal((Path.GetFullPath(path), 4L, 2L), (back.Files[0].Path, back.Files[0].Offset, back.Files[0].Line));
        var restored = back.RestoreAnalytics(AnalyticsSettings.Default).ComputeResults();
        Assert.Equal(2, restored.Summary.Events);
        Assert.Equal(1, restored.Summary.DeadLettersByReason["late"]);
        var profile = Assert.Single(restored.Profiles);
        Assert.Equal((5, 2L, 1L, 2L), (profile.CustomerId, profile.Plays, profile.MobilePlays, profile.UniqueTracks));
    }

    [Fact]
    public void A_state_of_other_settings_is_refused_naming_the_setting()
    {
        var checkpoint = new FollowCheckpoint("r", DateTimeOffset.UnixEpoch, default, []);
        var stored = checkpoint.ToPartitionCheckpoint(new PartitionAnalytics(AnalyticsSettings.Default));
        var back = FollowCheckpoint.From(stored);
        var error = Assert.Throws<SettingsException>(() => back.RestoreAnalytics(AnalyticsSettings.Default with { TopN = 5 }));
        Assert.Contains("top-n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_kind_of_checkpoint_or_a_truncated_one_is_refused()
    {
        Assert.Throws<InvalidDataException>(() => FollowCheckpoint.From(new PartitionCheckpoint("events", 0, [1, 2, 3, 4, 5, 6, 7, 8])));
        var whole = new FollowCheckpoint("r", DateTimeOffset.UnixEpoch, default, [FollowedEventFile.FromStart("a.csv").Position(DateTimeOffset.UnixEpoch)])
            .ToPartitionCheckpoint(new PartitionAnalytics(AnalyticsSettings.Default));
        Assert.Throws<InvalidDataException>(() => FollowCheckpoint.From(whole with { Snapshot = whole.Snapshot[..20] }));
    }

    [Fact]
    public void File_positions_travel_in_the_encoding_of_the_shippers_positions()
    {
        var position = new FilePosition("/logs/a.csv", new FileIdentity(2049, 7), new Fingerprint(4, "00112233445566778899aabbccddeeff"),
            4, 1, 0, DateTimeOffset.UnixEpoch);
        var stored = new FollowCheckpoint("r", DateTimeOffset.UnixEpoch, default, [position])
            .ToPartitionCheckpoint(new PartitionAnalytics(AnalyticsSettings.Default));

        using var json = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(json))
            position.WriteTo(writer);
        Assert.True(stored.Snapshot.AsSpan().IndexOf(json.ToArray()) > 0);
    }

    [Fact]
    public void A_checkpoint_an_earlier_build_wrote_still_restores()
    {
        using var folder = new TempFolder();
        var path = Path.GetFullPath(folder.File("log.csv"));
        File.WriteAllText(path, "x\ny\n");
        var analytics = new PartitionAnalytics(AnalyticsSettings.Default);
        analytics.Add(new PlayEvent(1, 5, 7, 1_412_164_800, true), LookupTables.Empty());
        using var buffer = new MemoryStream();
        using (var writer = new System.IO.BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(0x4F465350u); // "PSFO"
            writer.Write(1);
            writer.Write("run-1");
            writer.Write(1_714_557_600_000L);
            writer.Write(1L);
            writer.Write(0L);
            writer.Write(1);
            Version1PositionsTests.WriteVersion1(writer, path, 4, 1, "x\n"u8.ToArray());
        }
        analytics.WriteSnapshot(buffer);

        var back = FollowCheckpoint.From(new PartitionCheckpoint(FollowCheckpoint.Source, 1, buffer.ToArray()));
        Assert.Equal(("run-1", new StoreRowCounts(1, 0)), (back.StoreRunId, back.StoreRows));
        Assert.Equal((path, 4L, 1L), (back.Files[0].Path, back.Files[0].Offset, back.Files[0].Line));
        Assert.Equal(1, back.RestoreAnalytics(AnalyticsSettings.Default).ComputeResults().Summary.Events);
    }
}
