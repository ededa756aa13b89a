using Microsoft.Data.Sqlite;
using Playstream.Core.Events;
using Playstream.Core.Lookups;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Pipeline;
using Playstream.Core.Results;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Store;

public sealed class EmbeddedStoreTests
{
    private static AnalyticsResults SampleResults() => new(
        [new ActivityWindow(1_414_000_000, 1_414_001_800, 5, 2, 1), new ActivityWindow(1_414_000_300, 1_414_002_100, 3, 3, 0)],
        [
            new TopTracksWindow(1_413_997_200, 1_414_105_200, "0", [new TrackPlays(7, 4), new TrackPlays(2, 1)]),
            new TopTracksWindow(1_413_997_200, 1_414_105_200, "unknown", [new TrackPlays(9, 1)]),
        ],
        [new CustomerProfile(0, 4, 1, 1, 1, 1, 2, 3), new CustomerProfile(12, 1, 0, 0, 0, 1, 0, 1)],
        new ProfileSummary(2, 0.125, 0.125, 0.125, 0.625, 0.25, 0.875),
        [new UniqueTracks("all", [2, 7, 9]), new UniqueTracks("mobile", [7])],
        [new Interest(0, 7, 1_414_000_600)],
        new RunSummary(5, 2, 1, 0, new Dictionary<string, long> { ["bad_datetime"] = 2 }));

    [Fact]
    public void Results_written_are_read_back_unchanged()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        var expected = SampleResults();
        using (var store = EmbeddedStore.CreateFresh(path, out _))
            store.WriteResults(expected, new Dictionary<string, string> { ["events"] = "5" });

        using var reader = new StoreReader(path);
        var actual = reader.ReadResults();
        Assert.Equal(expected.Activity, actual.Activity);
        Assert.Equal(expected.TopTracks.Count, actual.TopTracks.Count);
        for (var i = 0; i < expected.TopTracks.Count; i++)
        {
            Assert.Equal(expected.TopTracks[i].Gender, actual.TopTracks[i].Gender);
            Assert.Equal(expected.TopTracks[i].WindowEnd, actual.TopTracks[i].WindowEnd);
            Assert.Equal(expected.TopTracks[i].Tracks, actual.TopTracks[i].Tracks);
        }
        Assert.Equal(expected.Profiles, actual.Profiles);
        Assert.Equal(expected.ProfileSummary, actual.ProfileSummary);
        Assert.Equal(expected.UniqueTracks.Select(u => (u.Scope, string.Join(',', u.TrackIds))), actual.UniqueTracks.Select(u => (u.Scope, string.Join(',', u.TrackIds))));
        Assert.Equal(expected.Interests, actual.Interests);
        Assert.Equal(expected.Summary.Events, actual.Summary.Events);
        Assert.Equal(2, actual.Summary.DeadLettersByReason["bad_datetime"]);
        Assert.Equal("finished", reader.RunInfo().State);
        Assert.Equal(5, reader.RunInfo().Events);
    }

    [Fact]
    public void Breakdowns_written_first_stay_beside_the_final_results_written_after_them()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        var expected = SampleResults();
        var breakdowns = new BreakdownResults(
            [new PanePlays(1_414_000_000, 1_414_000_300, "gender", "0", 4), new PanePlays(1_414_000_000, 1_414_000_300, "level", "gold", 4),
             new PanePlays(1_414_000_300, 1_414_000_600, "gender", "unknown", 1)],
            [new ZipPlays("01234", 3), new ZipPlays("other", 2)]);
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            store.WriteBreakdowns(breakdowns);
            store.WriteFinalResults(expected, new Dictionary<string, string> { ["events"] = "5" });
        }

        using var reader = new StoreReader(path);
        var read = reader.ReadBreakdowns();
        Assert.Equal(breakdowns.Panes.OrderBy(p => (p.PaneStart, p.Dimension, p.Key)), read.Panes.OrderBy(p => (p.PaneStart, p.Dimension, p.Key)));
        Assert.Equal(breakdowns.Zips, read.Zips);
        Assert.Equal(expected.Activity, reader.ReadResults().Activity);
        Assert.Equal(expected.Interests, reader.ReadResults().Interests);
        Assert.Equal("finished", reader.RunInfo().State);
        Assert.Equal("1", reader.RunInfo().Meta["results_version"]);
    }

    [Fact]
    public void Lookups_written_are_read_back_with_every_field_and_a_missing_age_stays_missing()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        var lookups = LookupTables.Empty();
        // More than one insert statement's worth of customers, so full statements and the remainder both run.
        for (var id = 0; id < 150; id++)
            lookups.Customers.Set(new Customer(id, $"Name, {id}", id % 2 == 0 ? "0" : "1", $"{id} Main St", "01234", "06/04/2013", "1", "2", "4", "1", id % 3 == 0 ? null : "33"));
        lookups.Tracks.Set(new Track(326, "Helplessly Hoping", "Crosby", 195));
        using (var store = EmbeddedStore.CreateFresh(path, out _))
            store.WriteLookups(lookups);

        using var reader = new StoreReader(path);
        var read = reader.ReadLookups();
        Assert.Equal(150, read.Customers.Count);
        foreach (var customer in lookups.Customers.All())
            Assert.Equal(customer, read.Customers.Get(customer.Id));
        Assert.Equal(new Track(326, "Helplessly Hoping", "Crosby", 195), read.Tracks.Get(326));
    }

    [Fact]
    public void A_fresh_store_replaces_the_earlier_run_and_says_which()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var first = EmbeddedStore.CreateFresh(path, out var none))
        {
            Assert.Null(none);
            first.WriteResults(SampleResults(), new Dictionary<string, string> { ["events"] = "5" });
        }
        using (var second = EmbeddedStore.CreateFresh(path, out var replaced))
        {
            Assert.NotNull(replaced);
            Assert.Equal(5, replaced!.Events);
            Assert.Equal("finished", replaced.State);
        }
        using var reader = new StoreReader(path);
        Assert.Empty(reader.ReadResults().Activity);
    }

    private static async Task WritePlaysAndLetters(EmbeddedStore store, int plays, int letters, int firstId)
    {
        var writer = store.OpenWriter(storePlays: true);
        var batch = writer.Pool.Rent();
        for (var i = 0; i < plays; i++)
            batch.Add(new PlayEvent(firstId + i, 1, 2, 1_414_000_000 + i, false), "1"u8, i + 1);
        writer.Write(batch);
        for (var i = 0; i < letters; i++)
            writer.Write(new DeadLetter(DeadLetterReason.FieldCount, new SourcePosition("p.csv", firstId + i), "x", "bad"));
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task A_store_reopened_to_resume_keeps_its_rows_and_drops_only_those_after_its_row_counts()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        string runId;
        StoreRowCounts counts;
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            runId = store.RunId;
            await WritePlaysAndLetters(store, 30, 2, 0);
            counts = store.RowCounts();
            await WritePlaysAndLetters(store, 12, 3, 100);
            store.WriteProgress(SampleResults(), BreakdownResults.Empty, new Dictionary<string, string> { ["events"] = "5" });
        }
        Assert.Equal(new StoreRowCounts(30, 2), counts);

        using (var resumed = EmbeddedStore.OpenToResume(path))
        {
            Assert.NotNull(resumed);
            Assert.Equal(runId, resumed!.RunId);
            Assert.Equal(new StoreRowCounts(12, 3), resumed.TrimAfter(counts));
            Assert.Equal(counts, resumed.RowCounts());
            await WritePlaysAndLetters(resumed, 5, 1, 200);
            Assert.Equal(new StoreRowCounts(35, 3), resumed.RowCounts());
            resumed.WriteProgress(SampleResults(), BreakdownResults.Empty, new Dictionary<string, string> { ["events"] = "5" });
        }
        using var reader = new StoreReader(path);
        Assert.Equal(35, reader.CountPlays());
        Assert.Equal([0L, 1L, 200L], reader.ReadDeadLetters().Select(l => l.Position.Line));
        Assert.Equal("running", reader.RunInfo().State);
        // The results version goes on from the one before, so a dashboard sees the write as new.
        Assert.Equal(2, reader.ResultsVersion());
    }

    [Fact]
    public void Nothing_or_something_else_at_the_path_cannot_be_resumed()
    {
        using var folder = new TempFolder();
        Assert.Null(EmbeddedStore.OpenToResume(folder.File("missing.db")));
        File.WriteAllText(folder.File("text.db"), "not a database, just some text that is long enough to look like a file header or more");
        Assert.Null(EmbeddedStore.OpenToResume(folder.File("text.db")));
    }

    [Fact]
    public void A_fresh_store_gets_a_new_run_id_and_drops_the_checkpoints_of_the_one_it_replaces()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        var checkpoints = Playstream.Embedded.Checkpoints.FileCheckpointStore.FolderBeside(path);
        string first;
        using (var store = EmbeddedStore.CreateFresh(path, out _))
            first = store.RunId;
        Directory.CreateDirectory(Path.Combine(checkpoints, "follow"));
        File.WriteAllText(Path.Combine(checkpoints, "follow", "events.checkpoint"), "old");

        using (var store = EmbeddedStore.CreateFresh(path, out _))
            Assert.NotEqual(first, store.RunId);
        Assert.False(Directory.Exists(checkpoints));
    }
}
