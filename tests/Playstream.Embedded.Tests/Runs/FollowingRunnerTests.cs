using Microsoft.Data.Sqlite;
using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Embedded.Checkpoints;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

/// <summary>
/// <c>run --follow</c> in process: stopped and started again, crashed after a write, over files
/// replaced meanwhile; results checked against the brute-force reference over every line.
/// </summary>
public sealed class FollowingRunnerTests
{
    private static readonly string[] BadLines = ["1,2,3", "5,1,2,\"2014-10-01 00:00:00\",7,\"1\""];

    private static async Task<FollowCheckpoint> CheckpointOf(string store)
    {
        var saved = await new FileCheckpointStore(FileCheckpointStore.FolderBeside(store)).LoadAsync(FollowCheckpoint.Scope, FollowCheckpoint.Source);
        return FollowCheckpoint.From(saved!);
    }

    private static List<(long EventId, int Customer, int Track, long Time)> StoredPlays(string store) =>
        SqlRows.Read(store, "SELECT event_id, customer_id, track_id, time FROM plays ORDER BY event_id, time",
            r => (r.GetInt64(0), r.GetInt32(1), r.GetInt32(2), r.GetInt64(3)));

    private static List<(long, int, int, long)> ReferencePlays(IEnumerable<string> lines) =>
        lines.Select(l => ReferenceLineParser.Parse(l).Play).OfType<ReferencePlay>()
            .Select(p => (p.EventId, p.CustomerId, p.TrackId, p.Time)).Order().ToList();

    private static void AssertStoreHoldsEveryLineOnce(string store, FollowTestData data, List<string> lines)
    {
        using var reader = new StoreReader(store);
        ResultsAssert.Equal(data.Reference(lines), reader.ReadResults());
        Assert.Equal(ReferencePlays(lines), StoredPlays(store).Order().ToList());
        Assert.Equal(lines.Count - FollowTestData.Plays(lines) - lines.Count(l => l.Trim().Length == 0), reader.ReadDeadLetters(1000).Count);
    }

    [Fact]
    public async Task Stopped_and_started_again_it_resumes_where_it_stopped_and_counts_every_line_once()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var store = folder.File("store.db");
        var lines = FollowTestData.ShuffledPlays(1, 300);
        lines.Insert(100, BadLines[0]);
        await File.WriteAllLinesAsync(log, lines);

        using (var first = new FollowedRun(data.Options(store, log)))
        {
            await first.WaitForEventsAsync(300);
            await first.StopAsync();
            Assert.DoesNotContain(first.Reports, r => r.StartsWith("resumed", StringComparison.Ordinal));
        }
        var checkpoint = await CheckpointOf(store);
        Assert.Equal((new FileInfo(log).Length, 301L), (checkpoint.Files[0].Offset, checkpoint.Files[0].Line));

        var more = FollowTestData.ShuffledPlays(2, 200);
        more.Insert(50, BadLines[1]);
        more.Insert(60, "");
        await File.AppendAllLinesAsync(log, more);
        lines.AddRange(more);
        using (var second = new FollowedRun(data.Options(store, log)))
        {
            await second.WaitForEventsAsync(500);
            var report = await second.StopAsync();
            var resumed = Assert.Single(second.Reports);
            Assert.Contains("resumed from the checkpoint", resumed, StringComparison.Ordinal);
            Assert.Contains("(300 plays): live.csv from line 302 (byte", resumed, StringComparison.Ordinal);
            Assert.Null(report.Replaced);
            Assert.Equal(202, report.Lines); // this run read only the lines after the checkpoint
        }
        AssertStoreHoldsEveryLineOnce(store, data, lines);
    }

    /// <summary>Saves the first <paramref name="keep"/> checkpoints, then none: as if the run died right after its later results writes.</summary>
    private sealed class CheckpointsLostAfter(ICheckpointStore inner, int keep) : ICheckpointStore
    {
        private int _saves;

        public Task SaveAsync(string scope, PartitionCheckpoint checkpoint, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref _saves) <= keep ? inner.SaveAsync(scope, checkpoint, cancellationToken) : Task.CompletedTask;

        public Task<PartitionCheckpoint?> LoadAsync(string scope, string source, CancellationToken cancellationToken = default) =>
            inner.LoadAsync(scope, source, cancellationToken);

        public Task<IReadOnlyList<PartitionCheckpoint>> LoadAllAsync(string scope, CancellationToken cancellationToken = default) =>
            inner.LoadAllAsync(scope, cancellationToken);
    }

    [Fact]
    public async Task Plays_and_dead_letters_stored_after_the_last_checkpoint_are_not_doubled_by_the_resume()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var store = folder.File("store.db");
        var lines = FollowTestData.ShuffledPlays(3, 250);
        await File.WriteAllLinesAsync(log, lines);

        var checkpoints = new CheckpointsLostAfter(new FileCheckpointStore(FileCheckpointStore.FolderBeside(store)), keep: 1);
        using (var crashed = new FollowedRun(data.Options(store, log), new FollowOptions { Checkpoints = checkpoints }))
        {
            await crashed.WaitForEventsAsync(250);
            var after = FollowTestData.ShuffledPlays(4, 150);
            after.Insert(10, BadLines[0]);
            await File.AppendAllLinesAsync(log, after);
            lines.AddRange(after);
            await crashed.WaitForEventsAsync(400);
            await crashed.StopAsync();
        }
        // The store holds what came after the checkpoint, which still says 250 plays.
        using (var reader = new StoreReader(store))
            Assert.Equal(400, reader.CountPlays());
        Assert.Equal(250, (await CheckpointOf(store)).Files[0].Line);

        var last = FollowTestData.ShuffledPlays(5, 100);
        await File.AppendAllLinesAsync(log, last);
        lines.AddRange(last);
        using (var resumed = new FollowedRun(data.Options(store, log)))
        {
            await resumed.WaitForEventsAsync(500);
            await resumed.StopAsync();
            Assert.Contains("150 plays and 1 dead letters stored after it are read again", Assert.Single(resumed.Reports), StringComparison.Ordinal);
        }
        AssertStoreHoldsEveryLineOnce(store, data, lines);
    }

    [Fact]
    public async Task A_file_replaced_since_the_checkpoint_is_read_from_its_beginning_and_the_run_says_so()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var steady = folder.File("steady.csv");
        var store = folder.File("store.db");
        var before = FollowTestData.ShuffledPlays(6, 120);
        var steadyLines = FollowTestData.ShuffledPlays(7, 80);
        await File.WriteAllLinesAsync(log, before);
        await File.WriteAllLinesAsync(steady, steadyLines);
        using (var first = new FollowedRun(data.Options(store, log, steady)))
        {
            await first.WaitForEventsAsync(200);
            await first.StopAsync();
        }

        // Rotated: a new file under the old name, longer than the old one was.
        var replacement = FollowTestData.ShuffledPlays(8, 150);
        await File.WriteAllLinesAsync(log, replacement);
        using (var second = new FollowedRun(data.Options(store, log, steady)))
        {
            await second.WaitForEventsAsync(350);
            await second.StopAsync();
            var reports = second.Reports.ToList();
            Assert.Equal(2, reports.Count);
            Assert.Contains("live.csv from line 1 (byte 0), steady.csv from line 81", reports[0], StringComparison.Ordinal);
            Assert.Contains("live.csv starts differently than at the checkpoint", reports[1], StringComparison.Ordinal);
        }
        // The old file's plays were counted before it went; the new one's are counted now.
        AssertStoreHoldsEveryLineOnce(store, data, [.. before, .. steadyLines, .. replacement]);
    }

    [Fact]
    public async Task Other_files_or_settings_than_the_checkpoints_stop_the_run_and_fresh_starts_over()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var other = folder.File("other.csv");
        var store = folder.File("store.db");
        var lines = FollowTestData.ShuffledPlays(9, 60);
        await File.WriteAllLinesAsync(log, lines);
        await File.WriteAllLinesAsync(other, FollowTestData.ShuffledPlays(10, 10));
        using (var first = new FollowedRun(data.Options(store, log)))
        {
            await first.WaitForEventsAsync(60);
            await first.StopAsync();
        }

        var files = await Assert.ThrowsAsync<SettingsException>(() => FollowingRunner.RunAsync(data.Options(store, log, other), new FollowOptions()));
        Assert.Contains("--events", files.Message, StringComparison.Ordinal);
        Assert.Contains("--fresh", files.Message, StringComparison.Ordinal);
        var settings = await Assert.ThrowsAsync<SettingsException>(() =>
            FollowingRunner.RunAsync(data.Options(store, log) with { Settings = AnalyticsSettings.Default with { ActivitySlideSeconds = 600 } }, new FollowOptions()));
        Assert.Contains("activity-slide", settings.Message, StringComparison.Ordinal);
        Assert.Contains("--fresh", settings.Message, StringComparison.Ordinal);

        using (var fresh = new FollowedRun(data.Options(store, log, other), new FollowOptions { Fresh = true }))
        {
            await fresh.WaitForEventsAsync(70);
            var report = await fresh.StopAsync();
            Assert.NotNull(report.Replaced);
            Assert.Empty(fresh.Reports);
        }
        using var reader = new StoreReader(store);
        Assert.Equal(70, reader.CountPlays());
        Assert.Equal(70, reader.ReadResults().Summary.Events);
    }

    [Fact]
    public async Task A_checkpoint_without_its_store_starts_afresh_and_says_so()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var store = folder.File("store.db");
        await File.WriteAllLinesAsync(log, FollowTestData.ShuffledPlays(11, 40));
        using (var first = new FollowedRun(data.Options(store, log)))
        {
            await first.WaitForEventsAsync(40);
            await first.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(store + suffix);

        using (var second = new FollowedRun(data.Options(store, log)))
        {
            await second.WaitForEventsAsync(40);
            await second.StopAsync();
            Assert.Contains("starting afresh", Assert.Single(second.Reports), StringComparison.Ordinal);
        }
        using var reader = new StoreReader(store);
        Assert.Equal(40, reader.CountPlays());
    }

    [Fact]
    public async Task A_followed_run_reads_every_line_as_a_batch_run_does()
    {
        using var folder = new TempFolder();
        var data = new FollowTestData(folder.Path);
        var log = folder.File("live.csv");
        var plays = FollowTestData.ShuffledPlays(5, 20);
        // LF and CRLF lines, blank lines of every kind, bad lines, and lines with one '\r' too many.
        var text = string.Concat(plays.Select((l, i) => l + (i % 3 == 0 ? "\r\n" : "\n")))
            + "\r\n" + "  \t\r\n" + "\n" + "1,2,3\r\n" + "1,2,3\r\r\n" + plays[0] + "\r\r\n" + "x\n";
        await File.WriteAllTextAsync(log, text);

        var batch = await EmbeddedRunner.RunAsync(data.Options(folder.File("batch.db"), log));
        EmbeddedRunReport followed;
        using (var run = new FollowedRun(data.Options(folder.File("follow.db"), log)))
        {
            await run.WaitForEventsAsync(20);
            followed = await run.StopAsync();
        }

        (DeadLetterReason, long, string)[] expected =
        [
            (DeadLetterReason.FieldCount, 24, "1,2,3"),
            (DeadLetterReason.FieldCount, 25, "1,2,3\r"),
            (DeadLetterReason.BadQuoting, 26, plays[0] + "\r"), // text after the zip's closing quote
            (DeadLetterReason.FieldCount, 27, "x"),
        ];
        foreach (var (store, report) in new[] { (folder.File("batch.db"), batch), (folder.File("follow.db"), followed) })
        {
            Assert.Equal((27L, 3L, 20L), (report.Lines, report.BlankLines, report.Results.Summary.Events));
            using var reader = new StoreReader(store);
            Assert.Equal(expected, reader.ReadDeadLetters().Select(l => (l.Reason, l.Position.Line, l.RawText)).OrderBy(l => l.Item2));
        }
    }
}
