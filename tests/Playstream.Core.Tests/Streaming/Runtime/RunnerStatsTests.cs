using Playstream.Core.Streaming.Runtime;

namespace Playstream.Core.Tests.Streaming.Runtime;

public sealed class RunnerStatsTests
{
    [Fact]
    public void Record_counts_are_the_latest_totals_and_the_first_record_time_stays()
    {
        var stats = new RunnerStats();
        Assert.Equal((0L, 0L), stats.RecordTimes);
        Assert.Equal(TimeSpan.Zero, stats.SteadyCpu);

        stats.AddRecords(records: 10, events: 8, duplicates: 1, repartitioned: 4);
        var first = stats.RecordTimes.First;
        Thread.Sleep(2);
        stats.AddRecords(records: 25, events: 20, duplicates: 2, repartitioned: 9);

        // Totals of the tasks, given again at each call: they replace, not add up.
        Assert.Equal((25L, 20L, 2L, 9L), (stats.Records, stats.Events, stats.Duplicates, stats.Repartitioned));
        Assert.NotEqual(0, first);
        Assert.Equal(first, stats.RecordTimes.First);
        Assert.True(stats.RecordTimes.Last > first);
        Assert.True(stats.SteadyCpu >= TimeSpan.Zero);
    }

    [Fact]
    public void Flushes_restores_merges_writes_and_fences_are_each_counted()
    {
        var stats = new RunnerStats();
        stats.Flushed(TimeSpan.FromMilliseconds(12.5), 300);
        stats.Flushed(TimeSpan.FromMilliseconds(7), 100);
        stats.Restored(TimeSpan.FromMilliseconds(40));
        stats.Merged(3);
        stats.Merged(4);
        stats.Wrote(10);
        stats.WasFenced();

        Assert.Equal(2, stats.Flushes);
        Assert.Equal([12.5, 7.0], stats.FlushMilliseconds);
        Assert.Equal([300L, 100L], stats.CommitBytes);
        Assert.Equal([40.0], stats.RestoreMilliseconds);
        Assert.Equal(7, stats.PartialsMerged);
        Assert.Equal(10, stats.ResultsWritten);
        Assert.Equal(1, stats.Fenced);
    }

    [Fact]
    public void Time_is_summed_per_phase()
    {
        var stats = new RunnerStats();
        stats.SpentWaiting(TimeSpan.FromSeconds(8));
        stats.SpentWaiting(TimeSpan.FromSeconds(1));
        stats.SpentTaking(TimeSpan.FromSeconds(1));
        stats.SpentTaking(TimeSpan.FromSeconds(2));
        stats.SpentMerging(TimeSpan.FromSeconds(3));
        stats.SpentCutting(TimeSpan.FromSeconds(4));
        stats.SpentCommitting(TimeSpan.FromSeconds(5));
        stats.SpentOnResults(TimeSpan.FromSeconds(6));
        stats.SpentFlushingSinks(TimeSpan.FromSeconds(7));

        Assert.Equal((TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(7)),
            stats.Time);
    }

    [Fact]
    public void Counts_from_several_threads_at_once_are_none_lost()
    {
        var stats = new RunnerStats();
        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            stats.Flushed(TimeSpan.FromMilliseconds(i), i);
            stats.Merged(2);
            stats.SpentMerging(TimeSpan.FromTicks(3));
        });

        Assert.Equal(4_000, stats.Flushes);
        Assert.Equal(4_000, stats.FlushMilliseconds.Count);
        Assert.Equal(Enumerable.Range(0, 4_000).Select(i => (long)i), stats.CommitBytes.Order());
        Assert.Equal(8_000, stats.PartialsMerged);
        Assert.Equal(TimeSpan.FromTicks(12_000), stats.Time.Merge);
    }
}
