using Playstream.Core.Events;
using Playstream.Core.Operators.Breakdowns;
using Playstream.Core.Results;
using Playstream.Embedded.Store;
using Playstream.TestSupport;

namespace Playstream.Embedded.Tests.Store;

/// <summary>Reading a store back, read-only: what a reader sees while and after a run writes it.</summary>
public sealed class StoreReaderTests
{
    private static readonly Dictionary<string, string> Meta = new() { ["events"] = "1" };

    private static AnalyticsResults Results(long plays) => new(
        [new ActivityWindow(0, 1800, plays, 1, 0)], [], [], new ProfileSummary(0, 0, 0, 0, 0, 0, 0),
        [new UniqueTracks("all", []), new UniqueTracks("mobile", [])], [], new RunSummary(plays, 0, 0, 0, new Dictionary<string, long>()));

    [Fact]
    public void Reading_a_store_that_does_not_exist_says_what_to_do()
    {
        using var folder = new TempFolder();
        var error = Assert.Throws<FileNotFoundException>(() => new StoreReader(folder.File("missing.db")));
        Assert.Contains("playstream run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Something_that_is_not_a_store_has_no_run_info()
    {
        using var folder = new TempFolder();
        var path = folder.File("not.db");
        File.WriteAllText(path, "just text, no database");
        Assert.Null(StoreReader.TryReadRunInfo(path));
    }

    [Fact]
    public void The_results_version_counts_the_results_writes_and_a_consistent_read_keeps_its_snapshot()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using var store = EmbeddedStore.CreateFresh(path, out _);
        using var reader = new StoreReader(path);
        Assert.Equal(0, reader.ResultsVersion());
        Assert.Equal("running", reader.RunInfo().State);

        store.WriteProgress(Results(1), BreakdownResults.Empty, Meta);
        Assert.Equal(1, reader.ResultsVersion());
        using (reader.ConsistentRead())
        {
            Assert.Equal(1, reader.ResultsVersion()); // the transaction's snapshot is taken at its first read
            store.WriteProgress(Results(2), BreakdownResults.Empty, Meta);
            // Inside the read transaction the reader still sees the first write, all of it.
            Assert.Equal(1, reader.ResultsVersion());
            Assert.Equal(1, reader.ReadResults().Activity.Single().Plays);
        }
        Assert.Equal(2, reader.ResultsVersion());
        Assert.Equal(2, reader.ReadResults().Activity.Single().Plays);
    }

    [Fact]
    public async Task Dead_letters_come_back_in_the_order_found_up_to_the_limit()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var store = EmbeddedStore.CreateFresh(path, out _))
        {
            var writer = store.OpenWriter(storePlays: false);
            foreach (var (reason, line) in new[] { (DeadLetterReason.Late, 30L), (DeadLetterReason.BadEncoding, 10L), (DeadLetterReason.FieldCount, 20L) })
                writer.Write(new DeadLetter(reason, new SourcePosition("p.csv", line), $"raw {line}", $"detail {line}"));
            await writer.DisposeAsync();
        }

        using var reader = new StoreReader(path);
        Assert.Equal(
            [new DeadLetter(DeadLetterReason.Late, new SourcePosition("p.csv", 30), "raw 30", "detail 30"),
             new DeadLetter(DeadLetterReason.BadEncoding, new SourcePosition("p.csv", 10), "raw 10", "detail 10")],
            reader.ReadDeadLetters(limit: 2));
    }

    [Fact]
    public void Breakdowns_come_back_by_pane_dimension_and_key_and_zips_most_played_first()
    {
        using var folder = new TempFolder();
        var path = folder.File("store.db");
        using (var store = EmbeddedStore.CreateFresh(path, out _))
            store.WriteBreakdowns(new BreakdownResults(
                [new PanePlays(300, 600, "level", "gold", 1), new PanePlays(0, 300, "gender", "M", 2), new PanePlays(0, 300, "age", "65+", 2)],
                [new ZipPlays("2", 1), new ZipPlays("1", 5), new ZipPlays("0", 1)]));

        using var reader = new StoreReader(path);
        var back = reader.ReadBreakdowns();
        Assert.Equal(
            [new PanePlays(0, 300, "age", "65+", 2), new PanePlays(0, 300, "gender", "M", 2), new PanePlays(300, 600, "level", "gold", 1)],
            back.Panes);
        Assert.Equal([new ZipPlays("1", 5), new ZipPlays("0", 1), new ZipPlays("2", 1)], back.Zips);
    }
}
