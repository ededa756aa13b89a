using Playstream.Core.Checkpoints;
using Playstream.Core.Engine;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Embedded.Checkpoints;
using Playstream.Embedded.Runs;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Runs;

/// <summary>Where a followed run starts: afresh, or from a checkpoint written here by hand, and the one-line refusals.</summary>
public sealed class FollowStartTests : IDisposable
{
    private static readonly DateTimeOffset Taken = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new();
    private readonly List<string> _reports = [];
    private readonly string _log;
    private readonly string _store;

    public FollowStartTests()
    {
        _log = _folder.Write("live.csv", "1,5,7,\"2014-10-01 12:00:00\",1,\"1\"\n2,5,8,\"2014-10-01 12:05:00\",0,\"1\"\n");
        _store = _folder.File("store.db");
    }

    public void Dispose() => _folder.Dispose();

    private EmbeddedRunOptions Options(params string[] files) => new() { EventFiles = files.Length == 0 ? [_log] : files, StorePath = _store };

    private FollowOptions Follow(bool fresh = false) => new() { Fresh = fresh, Report = _reports.Add };

    private FileCheckpointStore Checkpoints => new(FileCheckpointStore.FolderBeside(_store));

    /// <summary>A store holding <paramref name="storedPlays"/> plays, and a checkpoint of it taken when it held <paramref name="rows"/>, after reading the log's first line.</summary>
    private async Task CheckpointAsync(int storedPlays, StoreRowCounts rows, AnalyticsSettings? settings = null, string? runId = null)
    {
        string storeRunId;
        using (var store = EmbeddedStore.CreateFresh(_store, out _))
        {
            var writer = store.OpenWriter(storePlays: true);
            var batch = writer.Pool.Rent();
            for (var i = 0; i < storedPlays; i++)
                batch.Add(new PlayEvent(i, 5, 7, 1_412_164_800, false), "1"u8, i + 1);
            writer.Write(batch);
            await writer.DisposeAsync();
            storeRunId = store.RunId;
        }
        var analytics = new PartitionAnalytics(settings ?? AnalyticsSettings.Default);
        analytics.Add(new PlayEvent(1, 5, 7, 1_412_164_800, true), LookupTables.Empty());
        using var file = FollowedEventFile.FromStart(_log);
        file.ReadNewLines((_, number, _, _) => number == 1, null); // takes the first line, stops before the second
        var checkpoint = new FollowCheckpoint(runId ?? storeRunId, Taken, rows, [file.Position(Taken)]);
        await Checkpoints.SaveAsync(FollowCheckpoint.Scope, checkpoint.ToPartitionCheckpoint(analytics));
    }

    [Fact]
    public async Task Without_a_checkpoint_a_new_store_reads_every_file_from_its_beginning()
    {
        using var start = await FollowStart.OpenAsync(Options(), Follow(), Checkpoints, CancellationToken.None);

        Assert.Null(start.ResumedFrom);
        Assert.Null(start.Replaced);
        Assert.Equal(0, start.Analytics.Events);
        Assert.Equal([(Path.GetFullPath(_log), 0L, 0L)], start.Files.Select(f => (f.FullPath, f.Offset, f.Line)));
        Assert.Equal(new StoreRowCounts(0, 0), start.Store.RowCounts());
    }

    [Fact]
    public async Task A_checkpoint_resumes_the_state_the_files_and_the_store_dropping_what_was_stored_after_it()
    {
        await CheckpointAsync(storedPlays: 3, new StoreRowCounts(1, 0));

        using var start = await FollowStart.OpenAsync(Options(), Follow(), Checkpoints, CancellationToken.None);

        Assert.NotNull(start.ResumedFrom);
        Assert.Equal(1, start.Analytics.Events);
        var line = File.ReadAllLines(_log)[0];
        Assert.Equal([(1L, (long)line.Length + 1)], start.Files.Select(f => (f.Line, f.Offset)));
        Assert.Equal(new StoreRowCounts(1, 0), start.Store.RowCounts());
        Assert.Equal(
            $"resumed from the checkpoint of 2024-05-01 10:00:00Z (1 plays): live.csv from line 2 (byte {line.Length + 1}); 2 plays and 0 dead letters stored after it are read again",
            Assert.Single(_reports));
    }

    [Fact]
    public async Task Fresh_ignores_the_checkpoint_and_says_which_run_it_replaced()
    {
        await CheckpointAsync(storedPlays: 1, new StoreRowCounts(1, 0));

        using var start = await FollowStart.OpenAsync(Options(), Follow(fresh: true), Checkpoints, CancellationToken.None);

        Assert.Null(start.ResumedFrom);
        Assert.NotNull(start.Replaced);
        Assert.Equal(0, start.Analytics.Events);
        Assert.Equal(new StoreRowCounts(0, 0), start.Store.RowCounts());
    }

    [Fact]
    public async Task Other_files_than_the_checkpoints_are_refused_naming_both_ways_on()
    {
        await CheckpointAsync(1, new StoreRowCounts(1, 0));
        var other = _folder.Write("other.csv", "");

        var e = await Assert.ThrowsAsync<SettingsException>(() => FollowStart.OpenAsync(Options(_log, other), Follow(), Checkpoints, CancellationToken.None));

        Assert.Equal($"--events: the checkpoint of {_store} follows {Path.GetFullPath(_log)}; give the same files to resume, or --fresh to start over", e.Message);
    }

    [Fact]
    public async Task Other_settings_than_the_checkpoints_are_refused_naming_the_setting()
    {
        await CheckpointAsync(1, new StoreRowCounts(1, 0));

        var e = await Assert.ThrowsAsync<SettingsException>(() =>
            FollowStart.OpenAsync(Options() with { Settings = AnalyticsSettings.Default with { ActivitySlideSeconds = 600 } }, Follow(), Checkpoints, CancellationToken.None));

        Assert.Equal($"activity-slide: the snapshot was taken with 300 but the settings say 600 (the checkpoint of {_store}); give the same settings to resume, or --fresh to start over", e.Message);
    }

    [Fact]
    public async Task A_checkpoint_that_is_not_a_followed_runs_is_refused()
    {
        await Checkpoints.SaveAsync(FollowCheckpoint.Scope, new PartitionCheckpoint(FollowCheckpoint.Source, 0, [1, 2, 3, 4, 5]));

        var e = await Assert.ThrowsAsync<SettingsException>(() => FollowStart.OpenAsync(Options(), Follow(), Checkpoints, CancellationToken.None));

        Assert.Equal("not the checkpoint of a followed run; run with --fresh to start over", e.Message);
    }

    [Fact]
    public async Task A_checkpoint_of_another_store_starts_afresh_and_says_so()
    {
        await CheckpointAsync(2, new StoreRowCounts(2, 0), runId: "some-other-run");

        using var start = await FollowStart.OpenAsync(Options(), Follow(), Checkpoints, CancellationToken.None);

        Assert.Null(start.ResumedFrom);
        Assert.Equal(0, start.Analytics.Events);
        Assert.Equal($"the checkpoint beside {_store} has no store of its own to resume: starting afresh", Assert.Single(_reports));
    }
}
